using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Processes;

/// <summary>
/// The sample host (samples/SessionStore.Samples.AgentHost) as a real ASP.NET Core process over HTTP: a user's
/// conversations are listed with titles, resumed after the host restarts, kept apart from another user's, and deleted
/// with their transcripts; on both backends.
/// </summary>
public sealed class AgentHostSampleTests : IDisposable
{
    private const string Host = "agent-host";

    private readonly TempDirectory _temp = new();

    public static TheoryData<string> Backends => ["dir", "pg"];

    public void Dispose() => _temp.Dispose();

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_host_lists_resumes_and_deletes_a_users_conversations_across_restarts(string backend)
    {
        if (backend == "pg")
        {
            PostgresServer.SkipIfUnavailable();
        }

        string prefix = PostgresServer.NewPrefix();
        string[] store = backend == "dir"
            ? ["--store", _temp.Combine("store")]
            : ["--postgres", Environment.GetEnvironmentVariable(PostgresServer.Variable)!, "--tables", prefix];
        try
        {
            await using (var host = await RunningHost.StartAsync(store))
            {
                Assert.Equal("I was sent 1 message(s); the last says 'Plan a trip to Oslo\nin May'", await host.SendAsync("alice", "trip to oslo", "Plan a trip to Oslo\nin May"));
                await host.SendAsync("alice", "invoice", "Why is the invoice wrong?");
                await host.SendAsync("bob", "invoice", "Bob's own invoice");
                Assert.Equal("I was sent 3 message(s); the last says 'and hotels?'", await host.SendAsync("alice", "trip to oslo", "and hotels?"));

                JsonElement alices = await host.ListAsync("alice");
                Assert.Equal(["trip to oslo", "invoice"], alices.EnumerateArray().Select(c => c.GetProperty("id").GetString()));
                Assert.Equal("Plan a trip to Oslo", alices[0].GetProperty("title").GetString());
                Assert.Equal(4, alices[0].GetProperty("messageCount").GetInt32());
                Assert.Equal(["invoice"], (await host.ListAsync("bob")).EnumerateArray().Select(c => c.GetProperty("title").GetString() == "Bob's own invoice" ? "invoice" : "?"));
                Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync("alice", "invoice", "  ")).StatusCode);
            }

            await using (var restarted = await RunningHost.StartAsync(store))
            {
                // A new process resumes where the user left off: the model is sent the whole stored history.
                Assert.Equal("I was sent 5 message(s); the last says 'back again'", await restarted.SendAsync("alice", "trip to oslo", "back again"));
                JsonElement messages = await restarted.GetJsonAsync("/users/alice/conversations/trip%20to%20oslo");
                Assert.Equal(["user", "assistant", "user", "assistant", "user", "assistant"], messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
                Assert.Equal("Plan a trip to Oslo\nin May", messages[0].GetProperty("text").GetString());
                Assert.Equal(HttpStatusCode.NotFound, (await restarted.Client.GetAsync("/users/bob/conversations/trip%20to%20oslo")).StatusCode);

                Assert.Equal(HttpStatusCode.NoContent, (await restarted.Client.DeleteAsync("/users/alice/conversations/trip%20to%20oslo")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await restarted.Client.DeleteAsync("/users/alice/conversations/trip%20to%20oslo")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await restarted.Client.DeleteAsync("/users/bob/conversations/trip%20to%20oslo")).StatusCode);
                Assert.Equal(["invoice"], (await restarted.ListAsync("alice")).EnumerateArray().Select(c => c.GetProperty("id").GetString()));
                Assert.Single((await restarted.ListAsync("bob")).EnumerateArray());
            }

            // The delete took the transcript with it: two conversations are left, Alice's and Bob's invoices.
            using var stores = new Backend(backend == "dir" ? "dir:" + _temp.Combine("store") : "pg:" + prefix);
            Assert.Equal(2, stores.Conversations.List().Count);
            Assert.Equal(2, stores.AgentSessions.List().Count);
        }
        finally
        {
            using var stores = new Backend(backend == "dir" ? "dir:" + _temp.Combine("store") : "pg:" + prefix);
            stores.DropTables(prefix);
        }
    }

    /// <summary>The host process, its address (read from the line it prints once it accepts requests), and a client for it.</summary>
    private sealed class RunningHost : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task _drain;

        private RunningHost(Process process, Uri address, Task drain)
        {
            _process = process;
            _drain = drain;
            Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
        }

        public HttpClient Client { get; }

        public static async Task<RunningHost> StartAsync(string[] store)
        {
            Process process = ProcessRunner.StartDotNetApp(Host, [.. store, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("listening on ", StringComparison.Ordinal))
            {
            }

            if (line is null)
            {
                string error = await process.StandardError.ReadToEndAsync(timeout.Token);
                process.Dispose();
                throw new InvalidOperationException("The host exited before it listened: " + error);
            }

            Task drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            return new RunningHost(process, new Uri(line["listening on ".Length..]), drain);
        }

        public Task<HttpResponseMessage> PostAsync(string user, string id, string text) =>
            Client.PostAsync(
                $"/users/{Uri.EscapeDataString(user)}/conversations/{Uri.EscapeDataString(id)}",
                new StringContent(new JsonObject { ["text"] = text }.ToJsonString(), Encoding.UTF8, "application/json"));

        public async Task<string> SendAsync(string user, string id, string text)
        {
            using HttpResponseMessage response = await PostAsync(user, id, text);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using JsonDocument reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return reply.RootElement.GetProperty("reply").GetString()!;
        }

        public Task<JsonElement> ListAsync(string user) => GetJsonAsync($"/users/{Uri.EscapeDataString(user)}/conversations");

        public async Task<JsonElement> GetJsonAsync(string path)
        {
            using HttpResponseMessage response = await Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using JsonDocument document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return document.RootElement.Clone();
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            await _drain;
            _process.Dispose();
        }
    }
}

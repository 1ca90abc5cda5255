using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using SessionStore.Agents;
using SessionStore.Tests.Generated;
using SessionStore.Tests.TestSupport;
using SampleAgentSession = SessionStore.Samples.Console.Typed.AgentSession;
using SampleAgentStep = SessionStore.Samples.Console.Typed.AgentStep;
using SampleAgentStore = SessionStore.Samples.Console.Typed.AgentStore;

namespace SessionStore.Tests.Tool;

/// <summary>
/// The tool over every session type the library writes (typed stores with schema versions, generated stores,
/// agent conversations), each written by the library itself: verify judges each file by what its writer
/// promises and moves only what it can prove damaged; list and show call a corrupt reference session corrupt.
/// </summary>
public sealed class ToolSessionTypesTests : IDisposable
{
    private static readonly FileSessionStoreOptions Fast = new() { Durable = false };
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>One directory per session type, each written through the library's own store of that type.</summary>
    private List<(string Type, string Directory, int Sessions)> WriteEveryTypeTheLibraryWrites()
    {
        var written = new List<(string, string, int)>();

        // A FileSessionStore<T> by hand, with a descriptor carrying a schema version and a validation.
        var descriptor = new SessionDescriptor<ChatSession>(ChatJsonContext.Default.ChatSession, static s => s.Id,
            new SessionSchema(2, [static s => s["turns"] ??= new JsonArray()]), validate: static s => ArgumentOutOfRangeException.ThrowIfZero(s.Id.Length));
        var typed = new FileSessionStore<ChatSession>(_temp.Combine("typed"), descriptor, Fast);
        typed.Save(new ChatSession("typed-1", [new ChatTurn("user", "hi"), new ChatTurn("assistant", "hello")], DateTimeOffset.UnixEpoch));
        typed.Save(new ChatSession("typed-2", [], DateTimeOffset.UnixEpoch));
        written.Add(("descriptor with schema 2", typed.DirectoryPath, 2));

        // Generated stores: the README's ChatStore (schema 3), one with a growing list appended to, and the console sample's.
        var generated = new ChatStore(_temp.Combine("generated"), Fast);
        generated.Save(new ChatSession("chat-1", [new ChatTurn("user", "weather?")], DateTimeOffset.UnixEpoch));
        written.Add(("generated ChatStore", generated.DirectoryPath, 1));

        var turns = new TurnChatStore(_temp.Combine("turns"), Fast);
        turns.Save(new TurnChat("turns-1", [new ChatTurn("user", "hi")], 2));
        turns.Append("turns-1", [new ChatTurn("assistant", "hello"), new ChatTurn("user", "more")]);
        turns.Save(new TurnChat("turns-2", [], 0));
        written.Add(("generated [SessionItems] store, appended", turns.DirectoryPath, 2));

        var sample = new SampleAgentStore(_temp.Combine("sample"), Fast);
        sample.Save(new SampleAgentSession("sample-1", "gpt", [new SampleAgentStep("search", "3 hits")]));
        written.Add(("the console sample's AgentStore", sample.DirectoryPath, 1));

        // The Agents package: conversations of Microsoft.Extensions.AI messages, appended turn by turn, and agent sessions.
        FileSessionStore<ChatConversation> conversations = AgentStores.Conversations(_temp.Combine("agents"), Fast);
        conversations.Save(new ChatConversation("agent-1")
        {
            Messages = [new ChatMessage(ChatRole.User, "weather in Oslo?")],
            Usage = new UsageDetails { InputTokenCount = 12, OutputTokenCount = 5 },
        });
        conversations.Append("agent-1", new List<ChatMessage>
        {
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "weather", new Dictionary<string, object?> { ["city"] = "Oslo" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", "4 C, rain")]),
            new(ChatRole.Assistant, "Bring a coat.") { AuthorName = "helper" },
        });
        conversations.Append("agent-2", new List<ChatMessage> { new(ChatRole.User, "a conversation an append created") });
        conversations.Save(new ChatConversation("agent-3") { ConversationId = "ana@example.com/chat 7", Messages = [new ChatMessage(ChatRole.User, "hi")] }); // a free-form id beside the store's
        written.Add(("agent conversations", conversations.DirectoryPath, 3));

#pragma warning disable MAAI001 // the agent sessions store is experimental, as Agent Framework's session store is
        FileSessionStore<StoredAgentSession> agentSessions = AgentStores.AgentSessions(_temp.Combine("agent-sessions"), Fast);
        using (JsonDocument state = JsonDocument.Parse("""{"turns":3}"""))
        {
            agentSessions.Save(new StoredAgentSession("planner--s1", "s1", null, "planner", state.RootElement.Clone(), DateTimeOffset.UnixEpoch));
        }
#pragma warning restore MAAI001
        written.Add(("agent sessions", agentSessions.DirectoryPath, 1));
        return written;
    }

    [Fact]
    public async Task Verify_AndItsRepair_LeaveEveryHealthySessionOfEveryTypeTheLibraryWritesWhereItIs()
    {
        foreach ((string type, string directory, int sessions) in WriteEveryTypeTheLibraryWrites())
        {
            string[] before = TestSupport.Tool.Fingerprint(directory);

            ProcessRunner.Result verify = await TestSupport.Tool.RunAsync(["verify", "--dir", directory]);
            Assert.True(verify.ExitCode == 0, $"{type}: {verify.StandardOutput}{verify.StandardError}");
            Assert.Equal($"ok: {sessions} sessions, no problem\n", verify.StandardOutput);

            ProcessRunner.Result repair = await TestSupport.Tool.RunAsync(["verify", "--repair", "--dir", directory]);
            Assert.True(repair.ExitCode == 0, $"{type}: {repair.StandardOutput}{repair.StandardError}");
            Assert.False(Directory.Exists(Path.Combine(directory, ".quarantine")), type);
            Assert.Equal(before.Where(e => !e.StartsWith(".locks", StringComparison.Ordinal)), TestSupport.Tool.Fingerprint(directory).Where(e => !e.StartsWith(".locks", StringComparison.Ordinal)));

            ProcessRunner.Result list = await TestSupport.Tool.RunAsync(["list", "--dir", directory]);
            Assert.True(list.ExitCode == 0, $"{type}: {list.StandardError}");
            Assert.Equal(sessions, list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }

        // And the library's own stores still read them all.
        Assert.Equal(4, AgentStores.Conversations(_temp.Combine("agents"), Fast).Load("agent-1").Messages.Count);
        Assert.Equal(3, new TurnChatStore(_temp.Combine("turns"), Fast).Load("turns-1").Turns.Count);
    }

    [Fact]
    public async Task VerifyRepair_MovesOnlyFilesItCanProveDamaged_NeverWellFormedJsonOfAnUnknownShape()
    {
        var store = new ChatStore(_temp.Combine("chats"), Fast);
        store.Save(new ChatSession("healthy", [new ChatTurn("user", "hi")], DateTimeOffset.UnixEpoch));
        string directory = store.DirectoryPath;
        var damaged = new Dictionary<string, string>
        {
            ["torn"] = """{"schema_version": 3, "id": "torn", "turns": [{"role": "us""",
            ["empty"] = "",
            ["json-null"] = "null",
            ["bad-version"] = """{"schema_version": "three", "id": "bad-version", "turns": []}""",
            ["renamed"] = """{"id": "someone-else", "turns": []}""",
            ["bad-reference"] = """{"session_id": "bad-reference", "messages": [null], "input_tokens": 1, "output_tokens": 2}""",
        };
        var unknown = new Dictionary<string, string>
        {
            ["unknown-object"] = """{"whatever": [1, 2, {"x": null}], "messages": [{"role": "user"}]}""",
            ["unknown-array"] = "[1, 2, 3]",
            ["unknown-number"] = "42",
            ["other-id-field"] = """{"key": "other-id-field", "id": "a-record-id", "session_id": "other-id-field"}""",
        };
        foreach ((string id, string content) in damaged.Concat(unknown))
        {
            File.WriteAllText(Path.Combine(directory, id + ".json"), content);
        }

        ProcessRunner.Result verify = await TestSupport.Tool.RunAsync(["verify", "--json", "--dir", directory]);
        Assert.Equal(1, verify.ExitCode);
        using (JsonDocument report = JsonDocument.Parse(verify.StandardOutput))
        {
            Assert.Equal(1 + damaged.Count + unknown.Count, report.RootElement.GetProperty("sessions_checked").GetInt32());
            Assert.Equal(damaged.Keys.Order(StringComparer.Ordinal),
                report.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("session_id").GetString()!).Order(StringComparer.Ordinal));
            Assert.All(report.RootElement.GetProperty("problems").EnumerateArray(), p => Assert.Equal("corrupt", p.GetProperty("kind").GetString()));
        }

        ProcessRunner.Result repair = await TestSupport.Tool.RunAsync(["verify", "--repair", "--dir", directory]);
        Assert.True(repair.ExitCode == 0, repair.StandardOutput + repair.StandardError);
        Assert.Equal(damaged.Count, Directory.GetFiles(Path.Combine(directory, ".quarantine"), "*.json").Length);
        foreach ((string id, string content) in unknown)
        {
            Assert.Equal(content, File.ReadAllText(Path.Combine(directory, id + ".json")));
        }

        Assert.Equal("hi", store.Load("healthy").Turns[0].Text);
        Assert.All(damaged.Keys, id => Assert.False(File.Exists(Path.Combine(directory, id + ".json")), id));
    }

    [Fact]
    public async Task Export_AndFork_SayASessionOfAnotherTypeIsNotInTheReferenceFormat_NotThatItIsCorrupt()
    {
        FileSessionStore<ChatConversation> conversations = AgentStores.Conversations(_temp.Combine("agents"), Fast);
        conversations.Append("agent-1", new List<ChatMessage> { new(ChatRole.User, "hi") });

        ProcessRunner.Result export = await TestSupport.Tool.RunAsync(["export", "--dir", conversations.DirectoryPath]);
        Assert.Equal(1, export.ExitCode);
        Assert.Equal("[]", export.StandardOutput.Trim());
        Assert.Contains("skipped session 'agent-1': it is a session of another type, not in the reference format", export.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", export.StandardError, StringComparison.Ordinal);

        ProcessRunner.Result fork = await TestSupport.Tool.RunAsync(["fork", "agent-1", "agent-2", "--dir", conversations.DirectoryPath]);
        Assert.Equal(1, fork.ExitCode);
        Assert.Contains("session 'agent-1' is a session of another type, not in the reference format", fork.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("corrupt", fork.StandardError, StringComparison.Ordinal);
        Assert.False(conversations.Exists("agent-2"));
    }

    [Theory]
    [InlineData("""{"session_id": "bad", "messages": ["a"], "input_tokens": 1.5, "output_tokens": 2}""", "input_tokens must be an integer")]
    [InlineData("""{"session_id": "bad", "messages": [null], "input_tokens": 1, "output_tokens": 2}""", "every message must be a string")]
    [InlineData("""{"session_id": "bad", "messages": "abc", "input_tokens": 1, "output_tokens": 2}""", "messages must be an array")]
    [InlineData("""{"session_id": "bad", "messages": ["a"], "input_tokens": 1}""", "a session needs session_id, messages, input_tokens and output_tokens")]
    [InlineData("""{"session_id": "bad", "input_tokens": 1, "output_tokens": 2}""", "a session needs session_id, messages, input_tokens and output_tokens")]
    [InlineData("""{"session_id": "bad", "messages": ["a"], "input_tokens": -1, "output_tokens": 2}""", "input_tokens must be an integer")]
    public async Task ListAndShow_CallACorruptReferenceSessionCorrupt_AsLoadVerifyAndExportDo(string content, string reason)
    {
        FileSessionStore store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("alpha", ["a1"], 1, 2));
        File.WriteAllText(Path.Combine(store.DirectoryPath, "bad.json"), content);
        Assert.Throws<SessionCorruptException>(() => store.Load("bad"));

        ProcessRunner.Result list = await TestSupport.Tool.RunAsync(["list", "--dir", store.DirectoryPath]);
        Assert.Equal(1, list.ExitCode);
        Assert.StartsWith("alpha ", list.StandardOutput, StringComparison.Ordinal);
        Assert.Single(list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("1 session(s) could not be read and are not shown (bad)", list.StandardError, StringComparison.Ordinal);

        ProcessRunner.Result json = await TestSupport.Tool.RunAsync(["list", "--json", "--dir", store.DirectoryPath]);
        Assert.Equal(1, json.ExitCode);
        using (JsonDocument listed = JsonDocument.Parse(json.StandardOutput))
        {
            Assert.Equal(["alpha"], listed.RootElement.EnumerateArray().Select(s => s.GetProperty("session_id").GetString()));
        }

        foreach (string[] show in new[] { new[] { "show", "bad" }, ["show", "bad", "--json"] })
        {
            ProcessRunner.Result shown = await TestSupport.Tool.RunAsync([.. show, "--dir", store.DirectoryPath]);
            Assert.Equal(1, shown.ExitCode);
            Assert.Equal("", shown.StandardOutput);
            Assert.StartsWith($"error: session 'bad' is corrupt ({Path.Combine(store.DirectoryPath, "bad.json")}): {reason}", shown.StandardError, StringComparison.Ordinal);
        }

        ProcessRunner.Result verify = await TestSupport.Tool.RunAsync(["verify", "--dir", store.DirectoryPath]);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("corrupt    " + Path.Combine(store.DirectoryPath, "bad.json") + ": " + reason, verify.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("skipped session 'bad'", (await TestSupport.Tool.RunAsync(["export", "--dir", store.DirectoryPath])).StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"session_id": "other", "messages": [{"role": "user", "text": "hi"}]}""")] // no token count: not the reference shape
    [InlineData("""{"schema_version": 2, "session_id": "other", "messages": [{"text": "hi"}], "input_tokens": 1, "output_tokens": 1}""")] // a versioned store wrote it
    [InlineData("""{"id": "other", "messages": [{"role": "user", "contents": [{"$type": "text", "text": "hi"}]}], "input_tokens": 1, "output_tokens": 1}""")] // no session_id
    public async Task ListAndShow_PresentAFileThatDoesNotClaimTheReferenceFormat_AsASessionOfAnotherType(string content)
    {
        FileSessionStore store = Sessions.FastStore(_temp.Combine("store"));
        Directory.CreateDirectory(store.DirectoryPath);
        File.WriteAllText(Path.Combine(store.DirectoryPath, "other.json"), content);

        ProcessRunner.Result list = await TestSupport.Tool.RunAsync(["list", "--dir", store.DirectoryPath]);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"^other\s+1 msgs", list.StandardOutput);
        Assert.Equal(0, (await TestSupport.Tool.RunAsync(["show", "other", "--dir", store.DirectoryPath])).ExitCode);
        Assert.Equal(0, (await TestSupport.Tool.RunAsync(["verify", "--dir", store.DirectoryPath])).ExitCode);
    }
}

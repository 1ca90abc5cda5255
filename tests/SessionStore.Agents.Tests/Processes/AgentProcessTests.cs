using System.Diagnostics;
using System.Globalization;
using SessionStore.Agents.Tests.TestSupport;
using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Processes;

/// <summary>
/// The proofs with real processes (SessionStore.Agents.Worker): an agent killed with SIGKILL resumes in a new process
/// with its whole history, and two processes appending to one conversation lose nothing; on a directory and on PostgreSQL.
/// </summary>
public sealed class AgentProcessTests : IDisposable
{
    private const string Worker = "SessionStore.Agents.Worker";
    private readonly TempDirectory _temp = new();
    private readonly string _prefix = PostgresServer.NewPrefix();
    private bool _usedPostgres;

    [Fact]
    public Task An_agent_killed_between_turns_resumes_with_its_whole_history_on_a_directory() =>
        KillAndResume("dir:" + _temp.Combine("store"));

    [SkippableFact]
    public Task An_agent_killed_between_turns_resumes_with_its_whole_history_on_PostgreSQL()
    {
        PostgresServer.SkipIfUnavailable();
        _usedPostgres = true;
        return KillAndResume("pg:" + _prefix);
    }

    [Fact]
    public Task Two_processes_appending_to_one_conversation_lose_nothing_on_a_directory() =>
        ConcurrentAppends("dir:" + _temp.Combine("store"));

    [SkippableFact]
    public Task Two_processes_appending_to_one_conversation_lose_nothing_on_PostgreSQL()
    {
        PostgresServer.SkipIfUnavailable();
        _usedPostgres = true;
        return ConcurrentAppends("pg:" + _prefix);
    }

    private static async Task KillAndResume(string backend)
    {
        // Runs turns without pause and is killed once it has reported turn 3: wherever it is by then (in the model
        // call, the history append or the session save of a later turn).
        using Process running = ProcessRunner.StartDotNetApp(Worker, ["agent-turns", backend, "1000"]);
        string? conversation = null;
        int acknowledged = 0;
        while (await running.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)) is { } line)
        {
            string[] words = line.Split(' ');
            conversation = words[3];
            acknowledged = int.Parse(words[1], CultureInfo.InvariantCulture);
            if (acknowledged == 3 && !running.HasExited)
            {
                running.Kill();   // SIGKILL on Unix
            }
        }

        await running.WaitForExitAsync();
        Assert.NotNull(conversation);
        Assert.NotEqual(0, running.ExitCode);
        Assert.InRange(acknowledged, 3, 999);

        ProcessRunner.Result resumed = await ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp(Worker, ["agent-turns", backend, "1"]), TimeSpan.FromMinutes(1));
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        string[] report = resumed.StandardOutput.Trim().Split(' ');
        int turn = int.Parse(report[1], CultureInfo.InvariantCulture);

        // Every acknowledged turn is there; the turn in flight at the kill is there whole or not at all. A turn appended
        // but not saved with its session (killed between the two) is not part of the saved session: the resumed branch
        // goes on in a copy of the conversation without it (see BranchTests), so only then does the id change.
        Assert.InRange(turn, acknowledged + 1, acknowledged + 2);
        if (report[3] != conversation)
        {
            Assert.Equal(acknowledged + 1, turn);
        }
        int sent = AgentTurns.MessagesPerTurn * (turn - 1) + 3;
        Assert.EndsWith($"answer answer {turn} after {sent} messages", resumed.StandardOutput.Trim(), StringComparison.Ordinal);

        ProcessRunner.Result transcript = await ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp(Worker, ["transcript", backend]), TimeSpan.FromMinutes(1));
        Assert.Equal(Expected(turn), transcript.StandardOutput.TrimEnd('\n').Split('\n'));
    }

    private static string[] Expected(int turns) =>
    [
        .. Enumerable.Range(1, turns).SelectMany(k => new[]
        {
            $"user|turn {k}",
            $"assistant|call call-{k} lookup(turn={k})",
            $"tool|result call-{k} looked up {k}",
            $"assistant|answer {k} after {AgentTurns.MessagesPerTurn * (k - 1) + 3} messages",
        }),
    ];

    private async Task ConcurrentAppends(string backend)
    {
        const int Turns = 40;
        string start = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Task<ProcessRunner.Result>[] writers =
        [
            .. new[] { "a", "b" }.Select(writer => ProcessRunner.WaitAsync(
                ProcessRunner.StartDotNetApp(Worker, ["append", backend, "shared", writer, Turns.ToString(CultureInfo.InvariantCulture), start]), TimeSpan.FromMinutes(2))),
        ];
        foreach (ProcessRunner.Result result in await Task.WhenAll(writers))
        {
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        using var stores = new Backend(backend);
        ChatConversation conversation = stores.Conversations.Load("shared");
        Assert.Equal(4 * Turns, conversation.Messages.Count);
        for (int i = 0; i < conversation.Messages.Count; i += 2)
        {
            Assert.Equal("echo: " + conversation.Messages[i].Text, conversation.Messages[i + 1].Text);
        }

        foreach (string writer in new[] { "a", "b" })
        {
            Assert.Equal(
                Enumerable.Range(0, Turns).Select(i => $"{writer} {i}"),
                conversation.Messages.Where(m => m.Role.Value == "user" && m.Text.StartsWith(writer + " ", StringComparison.Ordinal)).Select(m => m.Text));
        }

        Assert.Equal(2L * Turns * 15, conversation.Usage!.TotalTokenCount);
    }

    public void Dispose()
    {
        if (_usedPostgres)
        {
            using var backend = new Backend("pg:" + _prefix);
            backend.DropTables(_prefix);
        }

        _temp.Dispose();
    }
}

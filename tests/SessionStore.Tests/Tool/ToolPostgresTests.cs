using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SessionStore.Agents;
using SessionStore.Postgres;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>
/// The tool as a real process on a real PostgreSQL table (<c>--postgres</c>/<c>--table</c>, or SESSIONSTORE_POSTGRES):
/// every command of the directory store, the usage errors of what only a directory has, a dead server as one error
/// line, and <c>copy</c> between a directory and a table, both ways. Each test has a table of its own, dropped at the end.
/// </summary>
public sealed class ToolPostgresTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly List<PostgresTable> _tables = [];

    public void Dispose()
    {
        _tables.ForEach(t => t.Dispose());
        _temp.Dispose();
    }

    private PostgresTable NewTable()
    {
        PostgresTable table = PostgresTable.New();
        _tables.Add(table);
        return table;
    }

    private static Task<ProcessRunner.Result> RunAsync(PostgresTable table, params string[] args) =>
        TestSupport.Tool.RunAsync([.. args, "--postgres", table.ConnectionString, "--table", table.Name]);

    private static string[] Ids(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', 2)[0]).ToArray();

    private static string JsonArray(params StoredSession[] sessions) =>
        "[" + string.Join(",", sessions.Select(s => JsonSerializer.Serialize(s, SessionJson.StoredSession))) + "]";

    private static List<StoredSession> FromJsonArray(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.Deserialize(SessionJson.StoredSession)!)];
    }

    private static void AssertOneErrorLine(ProcessRunner.Result run)
    {
        string[] lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.StandardError);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Exception|   at |Npgsql\.", run.StandardError);
    }

    [SkippableFact]
    public async Task EveryCommand_WorksOnATable()
    {
        PostgresTable table = NewTable();
        string input = JsonArray(
            new("alpha", ["user: hi", "assistant: hello"], 10, 20),
            new("beta", ["b1"], 1, 2),
            new("gamma", ["g1", "g2"], 5, 5));

        // A missing table is "not found" for every command but import, which creates it.
        ProcessRunner.Result missing = await RunAsync(table, "list");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains($"there is no session table '{table.Name}'", missing.StandardError, StringComparison.Ordinal);
        Assert.False(table.Exists());

        ProcessRunner.Result imported = await TestSupport.Tool.RunAsync(["import", "--postgres", table.ConnectionString, "--table", table.Name], input);
        Assert.True(imported.ExitCode == 0, imported.StandardError);
        Assert.Equal("imported 3 session(s): 3 new, 0 replaced, 0 unchanged\n", imported.StandardOutput);
        Assert.Contains("0 replaced, 3 unchanged", (await TestSupport.Tool.RunAsync(["import", "--postgres", table.ConnectionString, "--table", table.Name], input)).StandardOutput, StringComparison.Ordinal);
        ProcessRunner.Result conflict = await TestSupport.Tool.RunAsync(["import", "--postgres", table.ConnectionString, "--table", table.Name],
            """[{"session_id":"beta","messages":["changed"],"input_tokens":0,"output_tokens":0}]""");
        Assert.Equal(4, conflict.ExitCode);
        Assert.Equal(["b1"], table.Store.Load("beta").Messages);

        // SESSIONSTORE_POSTGRES names the server when --postgres does not.
        ProcessRunner.Result list = await TestSupport.Tool.RunAsync(["list", "--table", table.Name], environment: new Dictionary<string, string> { [PostgresTable.Variable] = table.ConnectionString });
        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.Equal(["alpha", "beta", "gamma"], Ids(list.StandardOutput));
        Assert.Matches(@"^alpha\s+2 msgs\s+10 in\s+20 out\s+\d+ B  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", list.StandardOutput.Split('\n')[0]);

        ProcessRunner.Result show = await RunAsync(table, "show", "alpha");
        Assert.True(show.ExitCode == 0, show.StandardError);
        Assert.Contains("hello", show.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(new StoredSession("alpha", ["user: hi", "assistant: hello"], 10, 20),
            JsonSerializer.Deserialize((await RunAsync(table, "show", "alpha", "--json")).StandardOutput, SessionJson.StoredSession));
        ProcessRunner.Result notFound = await RunAsync(table, "show", "nope");
        Assert.Equal(3, notFound.ExitCode);
        Assert.Equal($"error: there is no session 'nope' in 'postgres:{table.Name}'\n", notFound.StandardError);

        // pin, prune (pinned stays, old goes to the trash), trash list / restore / empty.
        Assert.Equal(0, (await RunAsync(table, "pin", "gamma")).ExitCode);
        Assert.Equal(3, (await RunAsync(table, "unpin", "nope")).ExitCode);
        Assert.Contains("pinned", (await RunAsync(table, "list")).StandardOutput.Split('\n')[2], StringComparison.Ordinal);
        Assert.Equal(2, table.Execute($"UPDATE \"{table.Name}\" SET updated_at = now() - interval '40 days' WHERE id IN ('alpha', 'gamma')"));
        ProcessRunner.Result dry = await RunAsync(table, "prune", "--older-than", "30d", "--dry-run");
        Assert.Contains("would move to the trash  alpha", dry.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(3, table.Store.List().Count);
        ProcessRunner.Result prune = await RunAsync(table, "prune", "--older-than", "30d");
        Assert.True(prune.ExitCode == 0, prune.StandardError);
        Assert.Contains("moved to the trash       alpha", prune.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("kept, pinned             gamma", prune.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["beta", "gamma"], table.Store.List());
        Assert.StartsWith("trashed  alpha", (await RunAsync(table, "trash", "list")).StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(table, "trash", "restore", "alpha")).ExitCode);
        Assert.Equal(3, (await RunAsync(table, "trash", "restore", "alpha")).ExitCode);
        Assert.Equal(["alpha", "beta", "gamma"], table.Store.List());
        Assert.True(table.Store.MoveToTrash("beta"));
        Assert.Contains("1 trash entry were deleted for good", (await RunAsync(table, "trash", "empty")).StandardOutput, StringComparison.Ordinal);
        Assert.Empty(table.Store.ListTrash());

        // fork, export, delete.
        Assert.Equal(0, (await RunAsync(table, "fork", "alpha", "alpha-2")).ExitCode);
        Assert.Equal(4, (await RunAsync(table, "fork", "alpha", "gamma")).ExitCode);
        ProcessRunner.Result export = await RunAsync(table, "export");
        Assert.True(export.ExitCode == 0, export.StandardError);
        List<StoredSession> exported = FromJsonArray(export.StandardOutput);
        Assert.Equal(["alpha", "alpha-2", "gamma"], exported.Select(s => s.SessionId));
        Assert.Equal(table.Store.Load("gamma"), exported[2]);
        ProcessRunner.Result delete = await RunAsync(table, "delete", "alpha-2", "nope");
        Assert.Equal(3, delete.ExitCode);
        Assert.Contains("deleted    alpha-2", delete.StandardOutput, StringComparison.Ordinal);
        Assert.False(table.Store.Exists("alpha-2"));

        // verify: ok, then a damaged row is named (and list says it could not read it); --repair has no meaning here.
        Assert.Equal("ok: 2 sessions, no problem\n", (await RunAsync(table, "verify")).StandardOutput);
        Assert.Equal(1, table.Execute($"UPDATE \"{table.Name}\" SET body = $1::json WHERE id = 'gamma'", """{"session_id":"gamma","messages":"abc","input_tokens":1,"output_tokens":1}"""));
        ProcessRunner.Result verify = await RunAsync(table, "verify", "--json");
        Assert.Equal(1, verify.ExitCode);
        using (JsonDocument report = JsonDocument.Parse(verify.StandardOutput))
        {
            JsonElement problem = Assert.Single(report.RootElement.GetProperty("problems").EnumerateArray());
            Assert.Equal(("corrupt", "gamma"), (problem.GetProperty("kind").GetString(), problem.GetProperty("session_id").GetString()));
        }

        ProcessRunner.Result corruptList = await RunAsync(table, "list");
        Assert.Equal(1, corruptList.ExitCode);
        Assert.Equal(["alpha"], Ids(corruptList.StandardOutput));
        Assert.Contains("1 session(s) could not be read and are not shown (gamma)", corruptList.StandardError, StringComparison.Ordinal);
        Assert.Equal(1, (await RunAsync(table, "show", "gamma")).ExitCode);

        ProcessRunner.Result repair = await RunAsync(table, "verify", "--repair");
        Assert.Equal(2, repair.ExitCode);
        AssertOneErrorLine(repair);
    }

    [SkippableFact]
    public async Task DirectoryOnlyCommands_AndMixedStores_AreUsageErrors()
    {
        PostgresTable table = NewTable();
        table.Store.Save(new StoredSession("alpha", ["x"], 1, 1));
        foreach (string[] args in new[] { new[] { "quarantine", "list" }, ["quarantine", "restore", "alpha"], ["quarantine", "delete", "alpha"], ["demo"] })
        {
            ProcessRunner.Result run = await RunAsync(table, args);
            Assert.True(run.ExitCode == 2, string.Join(' ', args) + ": " + run.StandardError);
            AssertOneErrorLine(run);
            Assert.Contains("works on a store directory only", run.StandardError, StringComparison.Ordinal);
        }

        ProcessRunner.Result both = await TestSupport.Tool.RunAsync(["list", "--dir", _temp.Path, "--table", table.Name]);
        Assert.Equal(2, both.ExitCode);
        AssertOneErrorLine(both);

        ProcessRunner.Result noServer = await TestSupport.Tool.RunAsync(["list", "--table", table.Name], environment: new Dictionary<string, string> { [PostgresTable.Variable] = "" });
        Assert.Equal(2, noServer.ExitCode);
        Assert.Contains("needs a PostgreSQL server", noServer.StandardError, StringComparison.Ordinal);

        ProcessRunner.Result badName = await TestSupport.Tool.RunAsync(["list", "--postgres", table.ConnectionString, "--table", "no-such;table"]);
        Assert.Equal(2, badName.ExitCode);
        AssertOneErrorLine(badName);
    }

    [SkippableFact]
    public async Task ADeadServer_OrABadConnectionString_IsOneErrorLine_Exit1()
    {
        PostgresTable table = NewTable();
        int port = FreePort();
        string dead = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Timeout=5";
        foreach (string[] args in new[] { new[] { "list" }, ["show", "alpha"], ["delete", "alpha"], ["pin", "alpha"], ["prune", "--older-than", "1d"], ["trash", "list"], ["verify"], ["export"] })
        {
            ProcessRunner.Result run = await TestSupport.Tool.RunAsync([.. args, "--postgres", dead, "--table", "sessions"]);
            Assert.True(run.ExitCode == 1, string.Join(' ', args) + ": " + run.StandardError);
            AssertOneErrorLine(run);
            Assert.Contains($"cannot use the PostgreSQL server 127.0.0.1:{port}/postgres", run.StandardError, StringComparison.Ordinal);
            Assert.Equal("", run.StandardOutput);
        }

        ProcessRunner.Result import = await TestSupport.Tool.RunAsync(["import", "--postgres", dead, "--table", "sessions"], "[]");
        Assert.Equal(1, import.ExitCode);
        AssertOneErrorLine(import);

        Sessions.FastStore(_temp.Combine("src")).Save(new StoredSession("alpha", ["x"], 1, 1));
        ProcessRunner.Result copy = await TestSupport.Tool.RunAsync(["copy", "--from", _temp.Combine("src"), "--to", $"postgres://postgres@127.0.0.1:{port}/postgres?table={table.Name}"]);
        Assert.Equal(1, copy.ExitCode);
        AssertOneErrorLine(copy);
        Assert.True(Directory.Exists(_temp.Combine("src")));

        ProcessRunner.Result bad = await TestSupport.Tool.RunAsync(["list", "--postgres", "Hots=127.0.0.1;Nonsense", "--table", "sessions"]);
        Assert.Equal(1, bad.ExitCode);
        AssertOneErrorLine(bad);
        Assert.Contains("connection string is not valid", bad.StandardError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Copy_DirectoryToTable_AndBack_VerifiesEverySession_AndKeepsPinsAndAges()
    {
        PostgresTable table = NewTable();
        FileSessionStore source = Sessions.FastStore(_temp.Combine("source"));
        StoredSession[] sessions = [.. Enumerable.Range(0, 12).Select(i => new StoredSession($"s-{i:00}", [$"user: {i}", "assistant: é \u0000 ✓"], i, 2 * i))];
        foreach (StoredSession session in sessions)
        {
            source.Save(session);
        }

        Assert.True(source.Pin("s-03"));
        DateTime old = DateTime.UtcNow.AddDays(-40);
        File.SetLastWriteTimeUtc(Path.Combine(source.DirectoryPath, "s-05.json"), old);
        string[] before = TestSupport.Tool.Fingerprint(source.DirectoryPath);

        ProcessRunner.Result dry = await TestSupport.Tool.RunAsync(["copy", "--from", source.DirectoryPath, "--to", "postgres:" + table.Name, "--dry-run", "--postgres", table.ConnectionString]);
        Assert.True(dry.ExitCode == 0, dry.StandardError);
        Assert.Equal(12, dry.StandardOutput.Split('\n').Count(l => l.StartsWith("would copy  ", StringComparison.Ordinal)));
        Assert.False(table.Exists());

        ProcessRunner.Result copy = await TestSupport.Tool.RunAsync(["copy", "--from", source.DirectoryPath, "--to", "postgres:" + table.Name],
            environment: new Dictionary<string, string> { [PostgresTable.Variable] = table.ConnectionString });
        Assert.True(copy.ExitCode == 0, copy.StandardError);
        Assert.Equal($"{source.DirectoryPath} -> postgres:{table.Name}: 12 session(s) copied, 0 skipped (already at the destination), 0 conflict(s), 0 failed, 0 of another type not copied\n", copy.StandardOutput);
        Assert.Equal("", copy.StandardError);
        Assert.Equal(before, TestSupport.Tool.Fingerprint(source.DirectoryPath));
        Assert.Equal(sessions, table.Store.List().Select(table.Store.Load));
        Assert.Equal(["s-03"], table.Store.ListPinned());
        Assert.InRange(table.Store.Summarize("s-05").LastModified, old.AddSeconds(-1), old.AddSeconds(1));

        // Back into a new directory, through the URL form: the same sessions, pin and age.
        string back = _temp.Combine("back");
        ProcessRunner.Result reverse = await TestSupport.Tool.RunAsync(["copy", "--from", table.Url, "--to", back, "--json"]);
        Assert.True(reverse.ExitCode == 0, reverse.StandardError);
        using (JsonDocument report = JsonDocument.Parse(reverse.StandardOutput))
        {
            Assert.Equal(12, report.RootElement.GetProperty("copied").GetArrayLength());
            Assert.Equal(0, report.RootElement.GetProperty("deleted_from_source").GetArrayLength());
        }

        var copied = new FileSessionStore(back);
        Assert.Equal(sessions, copied.List().Select(copied.Load));
        Assert.Equal(["s-03"], copied.ListPinned());
        Assert.InRange(copied.Summarize("s-05").LastModified, old.AddSeconds(-1), old.AddSeconds(1));
        Assert.Equal(12, table.Store.List().Count);
        Assert.Equal("ok: 12 sessions, no problem\n", (await TestSupport.Tool.RunAsync(["verify", "--dir", back])).StandardOutput);
    }

    [SkippableFact]
    public async Task Copy_ResumesAfterAPartialCopy_AndAConflictIsExit4()
    {
        PostgresTable table = NewTable();
        FileSessionStore source = Sessions.FastStore(_temp.Combine("source"));
        for (int i = 0; i < 6; i++)
        {
            source.Save(new StoredSession($"s-{i}", [$"m{i}"], i, i));
        }

        // What an interrupted copy leaves: some sessions there already, exactly as in the source.
        PostgresStoredSessionStore destination = table.Store;
        destination.Save(source.Load("s-0"));
        destination.Save(source.Load("s-1"));
        ProcessRunner.Result resumed = await TestSupport.Tool.RunAsync(["copy", "--from", source.DirectoryPath, "--to", table.Url]);
        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.Contains("4 session(s) copied, 2 skipped (already at the destination), 0 conflict(s), 0 failed", resumed.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(source.List().Select(source.Load), destination.List().Select(destination.Load));
        Assert.Contains("0 session(s) copied, 6 skipped", (await TestSupport.Tool.RunAsync(["copy", "--from", source.DirectoryPath, "--to", table.Url])).StandardOutput, StringComparison.Ordinal);

        // A different session at the destination is a conflict: left as it is on both sides, named, exit 4.
        destination.Save(new StoredSession("s-2", ["changed at the destination"], 0, 0));
        source.Save(new StoredSession("s-6", ["new"], 0, 0));
        ProcessRunner.Result conflict = await TestSupport.Tool.RunAsync(["copy", "--from", source.DirectoryPath, "--to", table.Url]);
        Assert.Equal(4, conflict.ExitCode);
        Assert.Equal("error: session 's-2' is at the destination already with different content, and was not copied: --overwrite replaces it\n", conflict.StandardError);
        Assert.Contains("1 session(s) copied, 5 skipped (already at the destination), 1 conflict(s)", conflict.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["changed at the destination"], destination.Load("s-2").Messages);
        Assert.Equal(["m2"], source.Load("s-2").Messages);

        ProcessRunner.Result overwrite = await TestSupport.Tool.RunAsync(["copy", "--from", source.DirectoryPath, "--to", table.Url, "--overwrite"]);
        Assert.True(overwrite.ExitCode == 0, overwrite.StandardError);
        Assert.Equal(source.Load("s-2"), destination.Load("s-2"));
    }

    [SkippableFact]
    public async Task CopyMove_KilledPartWay_FinishesWhenRunAgain_AndLosesNothing()
    {
        PostgresTable table = NewTable();
        FileSessionStore source = Sessions.FastStore(_temp.Combine("source"));
        StoredSession[] sessions = [.. Enumerable.Range(0, 2000).Select(i => new StoredSession($"s{i:D4}", [$"user: {i}"], i, i))];
        foreach (StoredSession session in sessions)
        {
            source.Save(session);
        }

        // The first run is killed (SIGKILL: no chance to tidy up) once some sessions have landed and been moved.
        string[] args = [Path.Combine(AppContext.BaseDirectory, "sessions.dll"), "copy", "--from", source.DirectoryPath, "--to", table.Url, "--move"];
        using (System.Diagnostics.Process first = ProcessRunner.Start("dotnet", args))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (source.List().Count > sessions.Length - 50 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        int left = source.List().Count;
        Assert.InRange(left, 1, sessions.Length - 1);

        ProcessRunner.Result again = await TestSupport.Tool.RunAsync(args[1..]);
        Assert.True(again.ExitCode == 0, again.StandardError);
        Assert.Matches(@"(\d+) session\(s\) copied, (\d+) skipped \(already at the destination\), 0 conflict\(s\), 0 failed", again.StandardOutput);
        Assert.Empty(source.List());
        Assert.Equal(sessions, table.Store.List().Select(table.Store.Load));
    }

    [SkippableFact]
    public async Task CopyMove_DeletesFromTheSource_OnlyWhatLandedAndWasVerified()
    {
        PostgresTable table = NewTable();
        PostgresStoredSessionStore source = table.Store;
        for (int i = 0; i < 5; i++)
        {
            source.Save(new StoredSession($"s-{i}", [$"m{i}"], i, i));
        }

        Assert.True(source.Pin("s-4"));
        FileSessionStore destination = Sessions.FastStore(_temp.Combine("dest"));
        destination.Save(new StoredSession("s-1", ["a different s-1"], 0, 0));

        ProcessRunner.Result dry = await TestSupport.Tool.RunAsync(["copy", "--from", table.Url, "--to", destination.DirectoryPath, "--move", "--dry-run"]);
        Assert.Equal(4, dry.ExitCode);
        Assert.Equal(5, source.List().Count);
        Assert.Equal(["s-1"], destination.List());

        ProcessRunner.Result move = await TestSupport.Tool.RunAsync(["copy", "--from", table.Url, "--to", destination.DirectoryPath, "--move", "--json"]);
        Assert.Equal(4, move.ExitCode);
        using (JsonDocument report = JsonDocument.Parse(move.StandardOutput))
        {
            Assert.Equal(["s-0", "s-2", "s-3", "s-4"], report.RootElement.GetProperty("deleted_from_source").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["s-1"], report.RootElement.GetProperty("conflicts").EnumerateArray().Select(e => e.GetString()));
        }

        // The conflicting session stays in the source; the others are in the destination (s-4 pinned there) and gone from it.
        Assert.Equal(["s-1"], source.List());
        Assert.Equal(["m1"], source.Load("s-1").Messages);
        Assert.Empty(source.ListPinned());
        Assert.Equal(["s-0", "s-1", "s-2", "s-3", "s-4"], destination.List());
        Assert.Equal(["a different s-1"], destination.Load("s-1").Messages);
        Assert.Equal(new StoredSession("s-3", ["m3"], 3, 3), destination.Load("s-3"));
        Assert.Equal(["s-4"], destination.ListPinned());

        ProcessRunner.Result rest = await TestSupport.Tool.RunAsync(["copy", "--from", table.Url, "--to", destination.DirectoryPath, "--move", "--overwrite"]);
        Assert.True(rest.ExitCode == 0, rest.StandardError);
        Assert.Contains("1 deleted from the source after verification", rest.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(source.List());
        Assert.Equal(["m1"], destination.Load("s-1").Messages);
    }

    [SkippableFact]
    public async Task Copy_NamesSessionsOfAnotherType_AndExits1()
    {
        PostgresTable table = NewTable();
        string directory = _temp.Combine("mixed");
        Sessions.FastStore(directory).Save(new StoredSession("ref-1", ["x"], 1, 1));
        AgentStores.Conversations(directory, new FileSessionStoreOptions { Durable = false })
            .Save(new ChatConversation("agent-1") { Messages = [new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")] });

        ProcessRunner.Result copy = await TestSupport.Tool.RunAsync(["copy", "--from", directory, "--to", table.Url, "--move"]);
        Assert.Equal(1, copy.ExitCode);
        Assert.Contains("skipped session 'agent-1': it is a session of another type", copy.StandardError, StringComparison.Ordinal);
        Assert.Contains("1 session(s) copied, 0 skipped (already at the destination), 0 conflict(s), 0 failed, 1 of another type not copied; 1 deleted from the source", copy.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["ref-1"], table.Store.List());
        Assert.True(File.Exists(Path.Combine(directory, "agent-1.json")));
        Assert.False(File.Exists(Path.Combine(directory, "ref-1.json")));
    }

    [SkippableFact]
    public async Task Copy_ShowsProgressOnATerminal_AndSaysWhatItDid()
    {
        PostgresTable table = NewTable();
        FileSessionStore source = Sessions.FastStore(_temp.Combine("source"));
        for (int i = 0; i < 300; i++)
        {
            source.Save(new StoredSession($"s{i:D3}", ["a"], 1, 1));
        }

        Pty.Result copy = await Pty.RunAsync(Pty.Tool("copy", "--from", source.DirectoryPath, "--to", table.Url),
            environment: new Dictionary<string, string> { ["SESSIONS_PROGRESS_DELAY"] = "0" });
        Assert.True(copy.ExitCode == 0, copy.Terminal);
        Assert.Matches(@"\rcopying [\d,]+ of 300", copy.Terminal);
        Assert.Contains("300 session(s) copied, 0 skipped", copy.Terminal, StringComparison.Ordinal);
        Assert.Equal(300, table.Store.List().Count);
    }

    [Fact]
    public async Task Copy_RefusesTheSameStore_AndDirOrTable()
    {
        string directory = _temp.Combine("one");
        Sessions.FastStore(directory).Save(new StoredSession("a", ["x"], 1, 1));
        ProcessRunner.Result same = await TestSupport.Tool.RunAsync(["copy", "--from", directory, "--to", directory + "/"]);
        Assert.Equal(2, same.ExitCode);
        ProcessRunner.Result dir = await TestSupport.Tool.RunAsync(["copy", "--from", directory, "--to", _temp.Combine("two"), "--dir", directory]);
        Assert.Equal(2, dir.ExitCode);
        Assert.Equal(2, (await TestSupport.Tool.RunAsync(["copy", "--from", directory])).ExitCode);
        Assert.Equal(3, (await TestSupport.Tool.RunAsync(["copy", "--from", _temp.Combine("missing"), "--to", _temp.Combine("two")])).ExitCode);
        Assert.False(Directory.Exists(_temp.Combine("two")));

        ProcessRunner.Result toDir = await TestSupport.Tool.RunAsync(["copy", "--from", directory, "--to", _temp.Combine("two")]);
        Assert.True(toDir.ExitCode == 0, toDir.StandardError);
        Assert.Equal(new StoredSession("a", ["x"], 1, 1), new FileSessionStore(_temp.Combine("two")).Load("a"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

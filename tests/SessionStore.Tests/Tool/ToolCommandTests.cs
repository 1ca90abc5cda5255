using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>The tool's commands as a real process over real directories: stdout, stderr and exit codes.</summary>
public sealed class ToolCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ToolCommandTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(new StoredSession("alpha", ["a1", "a2", "a3"], 10, 20));
        _store.Save(new StoredSession("beta", ["b1"], 1, 2));
        _store.Save(new StoredSession("gamma", ["g1", "g2"], 5, 5));
        File.SetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "alpha.json"), DateTime.UtcNow.AddDays(-40));
        File.SetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "gamma.json"), DateTime.UtcNow.AddDays(-50));
    }

    /// <summary>A colour or style escape sequence (a terminal's own mode switches are not ours).</summary>
    private const string Sgr = @"\u001b\[[0-9;]*m";

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task List_OfADirectoryThePythonModuleWrote_SaysWhatItDidNotShow()
    {
        string directory = _temp.Combine("from-python");
        await PythonReference.RunAsync(
            """
            d = Path(args["dir"])
            for i in range(19):
                save_session(StoredSession(f"py-{i:02d}", ("hi", "héllo"), i, 2 * i), d)
            save_session(StoredSession("has space", (), 0, 0), d)
            print(len(list_sessions(d)))
            """,
            $"{{\"dir\": \"{directory}\"}}");

        ProcessRunner.Result list = await TestSupport.Tool.RunAsync(["list", "--dir", directory]);
        Assert.Equal(0, list.ExitCode);
        string[] lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(19, lines.Length);
        Assert.Matches(@"^py-01\s+2 msgs\s+1 in\s+2 out\s+\d+ B  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", lines[1]);
        Assert.Equal("note: 1 entry in '" + directory + "' is not a session and not shown: run 'sessions verify' for details\n", list.StandardError);

        ProcessRunner.Result limited = await TestSupport.Tool.RunAsync(["list", "--dir", directory, "--limit", "5", "--sort", "tokens"]);
        Assert.Equal(5, limited.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("py-18 ", limited.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("note: showing 5 of 19 sessions; not shown: 14 beyond --limit", limited.StandardError, StringComparison.Ordinal);

        ProcessRunner.Result verify = await TestSupport.Tool.RunAsync(["verify", "--dir", directory]);
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains("foreign    " + Path.Combine(directory, "has space.json"), verify.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_SortsAndFilters_AndJson()
    {
        ProcessRunner.Result recent = await RunAsync("list", "--recent");
        Assert.Equal(["beta", "alpha", "gamma"], Ids(recent.StandardOutput));
        Assert.Equal(["gamma", "alpha", "beta"], Ids((await RunAsync("list", "--sort", "oldest")).StandardOutput));
        Assert.Equal(["alpha", "gamma", "beta"], Ids((await RunAsync("list", "--sort", "messages")).StandardOutput));

        ProcessRunner.Result since = await RunAsync("list", "--since", "45d");
        Assert.Equal(["alpha", "beta"], Ids(since.StandardOutput));
        Assert.Contains("not shown: 1 written before --since", since.StandardError, StringComparison.Ordinal);
        Assert.Equal(["beta"], Ids((await RunAsync("list", "--since", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd"))).StandardOutput));

        ProcessRunner.Result json = await RunAsync("list", "--json");
        using JsonDocument document = JsonDocument.Parse(json.StandardOutput);
        JsonElement first = document.RootElement[0];
        Assert.Equal(("alpha", 3, 10, 20), (first.GetProperty("session_id").GetString(), first.GetProperty("message_count").GetInt32(),
            first.GetProperty("input_tokens").GetInt64(), first.GetProperty("output_tokens").GetInt64()));

        Assert.Equal(2, (await RunAsync("list", "--sort", "name")).ExitCode);
        Assert.Equal(2, (await RunAsync("list", "--limit", "0")).ExitCode);
    }

    [Fact]
    public async Task Show_PrintsAConversation_AndTail()
    {
        _store.Save(new StoredSession("chat", [
            "user: what is 2+2?",
            """{"role": "assistant", "content": [{"type": "text", "text": "Let me check."}, {"type": "tool_use", "name": "calc", "input": {"expr": "2+2"}}], "usage": {"input_tokens": 9, "output_tokens": 4}}""",
            """{"role": "tool", "content": "4"}""",
            "assistant: 4",
        ], 30, 12));

        ProcessRunner.Result show = await RunAsync("show", "chat");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("usage    30 input + 12 output tokens, 4 message(s)", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[1] user\n    what is 2+2?", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[2] assistant\n    Let me check.\n    -> tool call calc({\"expr\": \"2+2\"})\n    (usage: input_tokens 9, output_tokens 4)", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[3] tool\n    4", show.StandardOutput, StringComparison.Ordinal);

        ProcessRunner.Result tail = await RunAsync("show", "chat", "--tail", "1");
        Assert.Contains("(3 earlier message(s) not shown: --tail 1)", tail.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("[3]", tail.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[4] assistant\n    4", tail.StandardOutput, StringComparison.Ordinal);

        ProcessRunner.Result json = await RunAsync("show", "beta", "--json");
        Assert.Equal(new StoredSession("beta", ["b1"], 1, 2), JsonSerializer.Deserialize(json.StandardOutput, SessionJson.StoredSession));
    }

    [Fact]
    public async Task Prune_MovesToTheTrash_PinsStay_AndRestoreBringsBack()
    {
        Assert.Equal(0, (await RunAsync("pin", "gamma")).ExitCode);
        Assert.Matches(@"\ngamma .*Z  pinned\n$", (await RunAsync("list")).StandardOutput);
        ProcessRunner.Result dry = await RunAsync("prune", "--older-than", "30d", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Matches(@"^would move to the trash  alpha  last written \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(40d ago\)\nkept, pinned             gamma\n", dry.StandardOutput);
        Assert.Equal(["alpha", "beta", "gamma"], _store.List());

        ProcessRunner.Result real = await RunAsync("prune", "--older-than", "30d");
        Assert.StartsWith("moved to the trash       alpha", real.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("1 session(s) moved to the trash, 1 kept (pinned)", real.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["beta", "gamma"], _store.List());

        ProcessRunner.Result trash = await RunAsync("trash", "list", "--json");
        using (JsonDocument document = JsonDocument.Parse(trash.StandardOutput))
        {
            Assert.Equal("alpha", document.RootElement.EnumerateArray().Single().GetProperty("session_id").GetString());
        }

        _store.Save(new StoredSession("alpha", ["a new alpha"], 0, 0));
        ProcessRunner.Result clash = await RunAsync("trash", "restore", "alpha");
        Assert.Equal(4, clash.ExitCode);
        Assert.Equal("error: session 'alpha' exists again, and restore never overwrites: delete it or fork it to another id first (the trashed copy stays in the trash)\n", clash.StandardError);
        Assert.Equal(["a new alpha"], _store.Load("alpha").Messages);

        Assert.Equal(0, (await RunAsync("delete", "alpha")).ExitCode);
        ProcessRunner.Result restore = await RunAsync("trash", "restore", "alpha");
        Assert.Equal(0, restore.ExitCode);
        Assert.Equal(["a1", "a2", "a3"], _store.Load("alpha").Messages);
        Assert.Equal(3, (await RunAsync("trash", "restore", "alpha")).ExitCode);

        Assert.Equal(0, (await RunAsync("unpin", "gamma")).ExitCode);
        Assert.Equal(0, (await RunAsync("prune", "--older-than", "30d", "--quiet")).ExitCode);
        Assert.Equal(["beta"], _store.List());
        ProcessRunner.Result empty = await RunAsync("trash", "empty", "--older-than", "1h");
        Assert.Contains("0 trash entries were deleted for good", empty.StandardOutput, StringComparison.Ordinal);
        ProcessRunner.Result purge = await RunAsync("prune", "--older-than", "30d", "--keep-trash", "0s", "--json");
        using (JsonDocument document = JsonDocument.Parse(purge.StandardOutput))
        {
            Assert.Equal(2, document.RootElement.GetProperty("deleted_from_trash").GetArrayLength());
        }

        Assert.Empty(_store.ListTrash());
        Assert.Equal(3, (await RunAsync("pin", "nobody")).ExitCode);
    }

    [Fact]
    public async Task Prune_OfAnAgeLongerThanTime_MovesNothing()
    {
        ProcessRunner.Result result = await RunAsync("prune", "--older-than", "99999999d");
        Assert.Equal((0, ""), (result.ExitCode, result.StandardError));
        Assert.StartsWith("0 session(s) moved", result.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("prune", "--older-than", "soon")).ExitCode);
        Assert.Equal(2, (await RunAsync("prune")).ExitCode);
    }

    [Fact]
    public async Task Verify_FailsOnAMissingDirectory_AFile_AndAnythingThatIsNotASession()
    {
        Assert.Equal(0, (await RunAsync("verify")).ExitCode);

        ProcessRunner.Result missing = await TestSupport.Tool.RunAsync(["verify", "--dir", _temp.Combine("nope")]);
        Assert.Equal(3, missing.ExitCode);
        Assert.StartsWith($"error: there is no store directory at '{_temp.Combine("nope")}' (check --dir", missing.StandardError, StringComparison.Ordinal);

        File.WriteAllText(_temp.Combine("a-file"), "x");
        ProcessRunner.Result file = await TestSupport.Tool.RunAsync(["verify", "--dir", _temp.Combine("a-file")]);
        Assert.Equal(1, file.ExitCode);
        Assert.Contains("is a file, not a store directory", file.StandardError, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(_store.DirectoryPath, "x.json"));
        ProcessRunner.Result foreign = await RunAsync("verify");
        Assert.Equal(1, foreign.ExitCode);
        Assert.Contains("a directory named like a session; not a session", foreign.StandardOutput, StringComparison.Ordinal);

        string corrupt = Path.Combine(_store.DirectoryPath, "broken.json");
        File.WriteAllText(corrupt, "{ torn");
        ProcessRunner.Result repaired = await RunAsync("verify", "--repair", "--json");
        Assert.Equal(1, repaired.ExitCode);
        using JsonDocument document = JsonDocument.Parse(repaired.StandardOutput);
        Assert.Contains(document.RootElement.GetProperty("problems").EnumerateArray(), p => p.GetProperty("kind").GetString() == "corrupt" && p.GetProperty("repaired").GetBoolean());
        Assert.False(File.Exists(corrupt));
        Assert.Single(Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".quarantine")));
    }

    [Fact]
    public async Task Errors_AreOneLineInPlainWords()
    {
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "torn.json"), "{ torn");
        Directory.CreateDirectory(Path.Combine(_store.DirectoryPath, "stuck.json", "child"));
        (string[] Args, int Code, string Start)[] cases =
        [
            (["show", "missing"], 3, "error: there is no session 'missing' in "),
            (["show", "../etc/passwd"], 2, "error: '../etc/passwd' is not a valid session id: "),
            (["show", "torn"], 1, "error: session 'torn' is corrupt ("),
            (["delete", "stuck"], 1, "error: Session 'stuck' exists at "),
            (["fork", "beta", "alpha"], 4, "error: session 'alpha' exists already, and fork never overwrites"),
            (["fork", "nope", "delta"], 3, "error: there is no session 'nope'"),
            (["show"], 2, "error: Required argument missing for command: 'show' (see 'sessions show --help')"),
            (["trash", "restore", "beta"], 3, "error: there is no session 'beta' in the trash of "),
            (["list", "--since", "yesterday"], 2, "error: 'yesterday' is neither an age"),
        ];
        foreach ((string[] args, int code, string start) in cases)
        {
            ProcessRunner.Result result = await RunAsync(args);
            string context = $"{string.Join(' ', args)} -> {result.ExitCode}: {result.StandardError}";
            Assert.True(code == result.ExitCode, context);
            Assert.StartsWith(start, result.StandardError, StringComparison.Ordinal);
            Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.DoesNotMatch(@"LineNumber|BytePositionInLine|\(Parameter|`\d|Exception|   at ", result.StandardError);
        }
    }

    [Fact]
    public async Task AnAgentsConversation_IsListed_AndShownWithRolesAuthorsAndToolCalls()
    {
        // What SessionStore.Agents writes for a conversation of Microsoft.Extensions.AI messages (its own layout, messages first).
        const string Conversation = """
            {"messages":[
            {"role":"user","contents":[{"$type":"text","text":"weather in Oslo?"}]},
            {"authorName":"helper","role":"assistant","contents":[{"$type":"functionCall","name":"weather","arguments":{"city":"Oslo"},"callId":"c1"}]},
            {"role":"tool","contents":[{"$type":"functionResult","result":"4 C, rain","callId":"c1"}]},
            {"authorName":"helper","role":"assistant","contents":[{"$type":"reasoning","text":"cold"},{"$type":"text","text":"Bring a coat."}]}
            ],"id":"agent-chat","usage":{"inputTokenCount":12,"outputTokenCount":5},"createdAt":"2026-11-25T10:00:00+00:00"}
            """;
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "agent-chat.json"), Conversation);

        ProcessRunner.Result list = await RunAsync("list");
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"agent-chat\s+4 msgs\s+12 in\s+5 out", list.StandardOutput);

        ProcessRunner.Result show = await RunAsync("show", "agent-chat");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("12 input + 5 output tokens, 4 message(s)", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[2] assistant (helper)\n    -> tool call weather({\"city\":\"Oslo\"}) [c1]", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[3] tool\n    <- tool result [c1]: 4 C, rain", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("    (thinking) cold\n    Bring a coat.", show.StandardOutput, StringComparison.Ordinal);

        using JsonDocument json = JsonDocument.Parse((await RunAsync("show", "agent-chat", "--json")).StandardOutput);
        Assert.Equal("agent-chat", json.RootElement.GetProperty("id").GetString());

        File.WriteAllText(Path.Combine(_store.DirectoryPath, "agent-chat.json"), Conversation.Replace("\"agent-chat\"", "\"someone-else\"", StringComparison.Ordinal));
        Assert.Equal(1, (await RunAsync("show", "agent-chat")).ExitCode); // a file that names another session is still corrupt
    }

    [Fact]
    public async Task Export_GoesOnPastSessionsItCannotRead_NamesThem_AndFailsTheExitCode()
    {
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "torn.json"), "{ torn");
        File.CreateSymbolicLink(Path.Combine(_store.DirectoryPath, "linked.json"), Path.Combine(_store.DirectoryPath, "alpha.json"));

        ProcessRunner.Result export = await RunAsync("export");

        Assert.Equal(1, export.ExitCode);
        using JsonDocument document = JsonDocument.Parse(export.StandardOutput);
        Assert.Equal(["alpha", "beta", "gamma"], document.RootElement.EnumerateArray().Select(s => s.GetProperty("session_id").GetString()));
        string[] errors = export.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("error: skipped session 'linked': ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("error: skipped session 'torn': ", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportThenImport_IsHonest()
    {
        ProcessRunner.Result export = await RunAsync("export");
        string target = _temp.Combine("copy");
        ProcessRunner.Result import = await TestSupport.Tool.RunAsync(["import", "--dir", target], standardInput: export.StandardOutput);
        Assert.Equal((0, "imported 3 session(s): 3 new, 0 replaced, 0 unchanged\n"), (import.ExitCode, import.StandardOutput));
        Assert.Equal(_store.Load("alpha"), new FileSessionStore(target).Load("alpha"));

        // The same import again (as after a crash part-way) finishes it: what is already there is unchanged.
        ProcessRunner.Result again = await TestSupport.Tool.RunAsync(["import", "--dir", target], standardInput: export.StandardOutput);
        Assert.Equal((0, "imported 0 session(s): 0 new, 0 replaced, 3 unchanged\n"), (again.ExitCode, again.StandardOutput));

        const string Different = """[{"session_id": "new-one", "messages": [], "input_tokens": 0, "output_tokens": 0}, {"session_id": "beta", "messages": ["other"], "input_tokens": 0, "output_tokens": 0}]""";
        ProcessRunner.Result conflict = await TestSupport.Tool.RunAsync(["import", "--dir", target], standardInput: Different);
        Assert.Equal(4, conflict.ExitCode);
        Assert.StartsWith("error: session 'beta' exists already with different content; --overwrite replaces it", conflict.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target, "new-one.json")));

        const string Twice = """[{"session_id": "x", "messages": [], "input_tokens": 0, "output_tokens": 0}, {"session_id": "x", "messages": ["2"], "input_tokens": 0, "output_tokens": 0}]""";
        ProcessRunner.Result duplicate = await TestSupport.Tool.RunAsync(["import", "--dir", target], standardInput: Twice);
        Assert.Equal((1, "error: Session 'x' occurs more than once in the batch; nothing was written.\n"), (duplicate.ExitCode, duplicate.StandardError));
        Assert.False(File.Exists(Path.Combine(target, "x.json")));

        const string Mixed = """[{"session_id": "alpha", "messages": ["replaced"], "input_tokens": 0, "output_tokens": 0}, {"session_id": "fresh", "messages": [], "input_tokens": 0, "output_tokens": 0}]""";
        ProcessRunner.Result overwrite = await TestSupport.Tool.RunAsync(["import", "--dir", target, "--overwrite"], standardInput: Mixed);
        Assert.Equal("imported 2 session(s): 1 new, 1 replaced, 0 unchanged\n", overwrite.StandardOutput);
        Assert.Equal(["replaced"], new FileSessionStore(target).Load("alpha").Messages);

        foreach (string bad in new[] { "{ torn", "[{\"session_id\": \"../bad\", \"messages\": [], \"input_tokens\": 0, \"output_tokens\": 0}]", "[null]", "{}", "[{\"session_id\": \"y\"}]" })
        {
            ProcessRunner.Result invalid = await TestSupport.Tool.RunAsync(["import", "--dir", _temp.Combine("never")], standardInput: bad);
            Assert.Equal(1, invalid.ExitCode);
            Assert.EndsWith("nothing was imported\n", invalid.StandardError, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"LineNumber|BytePositionInLine|\(Parameter|`\d|Exception", invalid.StandardError);
            Assert.False(Directory.Exists(_temp.Combine("never")));
        }
    }

    [Fact]
    public async Task EveryCommandThatPrints_SpeaksJson_AndQuietDropsConfirmations()
    {
        string[][] commands =
        [
            ["list"], ["show", "beta"], ["verify"], ["export"], ["trash", "list"], ["prune", "--older-than", "1000d"],
            ["trash", "empty", "--dry-run"], ["pin", "beta"], ["unpin", "beta"], ["fork", "beta", "beta2"], ["delete", "beta2"],
            ["import"], ["trash", "restore", "alpha"],
        ];
        Assert.True(_store.MoveToTrash("alpha"));
        foreach (string[] command in commands)
        {
            ProcessRunner.Result result = await TestSupport.Tool.RunAsync([.. command, "--json", "--dir", _store.DirectoryPath], standardInput: command[0] == "import" ? "[]" : null);
            Assert.True(result.ExitCode == 0, $"{string.Join(' ', command)}: {result.StandardError}");
            using JsonDocument document = JsonDocument.Parse(result.StandardOutput);
        }

        ProcessRunner.Result quiet = await RunAsync("pin", "beta", "--quiet");
        Assert.Equal((0, "", ""), (quiet.ExitCode, quiet.StandardOutput, quiet.StandardError));
    }

    [Fact]
    public async Task Colours_OnlyOnATerminal_AndNeverWithNoColor()
    {
        string tool = $"dotnet {Path.Combine(AppContext.BaseDirectory, "sessions.dll")} list --dir {_store.DirectoryPath}";
        ProcessRunner.Result piped = await RunAsync("list");
        Assert.DoesNotMatch(Sgr, piped.StandardOutput);

        // `script` gives the tool a pseudo-terminal, as an interactive shell would.
        ProcessRunner.Result terminal = await ProcessRunner.RunAsync("script", ["-qec", tool, "/dev/null"]);
        Assert.Contains("\u001b[1malpha", terminal.StandardOutput, StringComparison.Ordinal);
        var noColor = new Dictionary<string, string> { ["NO_COLOR"] = "1" };
        ProcessRunner.Result plain = await ProcessRunner.WaitAsync(ProcessRunner.Start("script", ["-qec", tool, "/dev/null"], environment: noColor), TimeSpan.FromMinutes(1));
        Assert.Contains("alpha", plain.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotMatch(Sgr, plain.StandardOutput);
    }

    [Fact]
    public async Task Completion_ComesFromTheParser()
    {
        foreach (string shell in new[] { "bash", "zsh", "fish", "powershell" })
        {
            ProcessRunner.Result script = await RunAsync("completion", shell);
            Assert.Equal(0, script.ExitCode);
            Assert.Contains("[suggest:", script.StandardOutput, StringComparison.Ordinal);
        }

        ProcessRunner.Result commands = await TestSupport.Tool.RunAsync(["[suggest:12]", "sessions pru"]);
        Assert.Equal("prune\n", commands.StandardOutput);
        ProcessRunner.Result options = await TestSupport.Tool.RunAsync(["[suggest:19]", "sessions list --rec"]);
        Assert.Equal("--recent\n", options.StandardOutput);
        ProcessRunner.Result sortKeys = await TestSupport.Tool.RunAsync(["[suggest:22]", "sessions list --sort r"]);
        Assert.Equal("recent\n", sortKeys.StandardOutput);
        Assert.Equal(2, (await RunAsync("completion", "tcsh")).ExitCode);
    }

    [Fact]
    public async Task ManyFiles_NoProgressIntoAPipe()
    {
        var big = Sessions.FastStore(_temp.Combine("big"));
        for (int i = 0; i < 2100; i++)
        {
            big.Save(Sessions.Make("s" + i.ToString("D5")));
        }

        ProcessRunner.Result verify = await TestSupport.Tool.RunAsync(["verify", "--dir", big.DirectoryPath]);
        Assert.Equal((0, "", "ok: 2100 sessions, no problem\n"), (verify.ExitCode, verify.StandardError, verify.StandardOutput));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("delete")]
    [InlineData("fork")]
    [InlineData("prune")]
    [InlineData("trash")]
    [InlineData("pin")]
    [InlineData("verify")]
    [InlineData("quarantine")]
    [InlineData("import")]
    [InlineData("demo")]
    public async Task EveryCommand_HasHelp(string command)
    {
        ProcessRunner.Result help = await RunAsync(command, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains($"sessions {command}", help.StandardOutput, StringComparison.Ordinal);
    }

    private static string[] Ids(string listing) =>
        listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).ToArray();

    private Task<ProcessRunner.Result> RunAsync(params string[] args) => TestSupport.Tool.RunAsync([.. args, "--dir", _store.DirectoryPath]);
}

using System.Text.Json;
using System.Text.RegularExpressions;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>
/// What users expect from git, gh and kubectl (issue 22 item 7): questions before destroying anything, only at a
/// terminal; dry runs; a header and width-aware columns; a pager; one JSON shape; examples in every help; colours on
/// request; completion of ids; an interrupted prune that says what it did; and README agreeing with --help.
/// </summary>
public sealed partial class ToolConventionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ToolConventionsTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(new StoredSession("alpha", ["a1", "a2"], 1, 2));
        _store.Save(new StoredSession("beta", ["b1"], 3, 4));
        Assert.True(_store.Pin("beta"));
    }

    public void Dispose() => _temp.Dispose();

    private Task<ProcessRunner.Result> RunAsync(params string[] args) => TestSupport.Tool.RunAsync([.. args, "--dir", _store.DirectoryPath]);

    private Task<Pty.Result> AtTerminalAsync(string[] args, IReadOnlyList<(string, string)>? replies = null, IReadOnlyDictionary<string, string>? environment = null, string? stdinFile = null) =>
        Pty.RunAsync(Pty.Tool([.. args, "--dir", _store.DirectoryPath]), replies: replies, environment: environment, stdinFile: stdinFile);

    [Fact]
    public async Task Delete_AsksAtATerminal_NoKeepsEverything_YesDeletes_AndScriptsAreNeverAsked()
    {
        Pty.Result no = await AtTerminalAsync(["delete", "alpha"], [("[y/N] ", "n\n")]);
        Assert.Contains("delete 1 session(s) for good (alpha)? [y/N] ", no.Text, StringComparison.Ordinal);
        Assert.Equal(1, no.ExitCode);
        Assert.Contains("not confirmed: nothing was deleted (--yes skips the question)", no.Text, StringComparison.Ordinal);
        Assert.True(_store.Exists("alpha"));

        Pty.Result yes = await AtTerminalAsync(["delete", "alpha"], [("[y/N] ", "y\n")]);
        Assert.Equal(0, yes.ExitCode);
        Assert.False(_store.Exists("alpha"));

        Pty.Result assumed = await AtTerminalAsync(["delete", "beta", "--yes"]);
        Assert.Equal(0, assumed.ExitCode);
        Assert.DoesNotContain("[y/N]", assumed.Text, StringComparison.Ordinal);

        // No terminal (a script, a CI job): no question, as before.
        _store.Save(new StoredSession("gamma", [], 0, 0));
        Assert.Equal(0, (await RunAsync("delete", "gamma")).ExitCode);
        Assert.False(_store.Exists("gamma"));
    }

    [Fact]
    public async Task TrashEmpty_AndImportOverwrite_AskAtATerminal_ImportThroughDevTtyWhileStdinIsTheInput()
    {
        Assert.True(_store.MoveToTrash("alpha"));
        Pty.Result empty = await AtTerminalAsync(["trash", "empty"], [("[y/N] ", "\n")]);
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("delete 1 trash entry for good (alpha)?", empty.Text, StringComparison.Ordinal);
        Assert.Single(_store.ListTrash());

        string input = _temp.Combine("input.json");
        File.WriteAllText(input, """[{"session_id":"beta","messages":["replaced"],"input_tokens":0,"output_tokens":0}]""");
        Pty.Result refused = await AtTerminalAsync(["import", "--overwrite"], [("[y/N] ", "no\n")], stdinFile: input);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("replace 1 session(s) that exist with different content (beta)?", refused.Text, StringComparison.Ordinal);
        Assert.Equal(["b1"], _store.Load("beta").Messages);

        Pty.Result replaced = await AtTerminalAsync(["import", "--overwrite"], [("[y/N] ", "yes\n")], stdinFile: input);
        Assert.Equal(0, replaced.ExitCode);
        Assert.Equal(["replaced"], _store.Load("beta").Messages);
    }

    [Fact]
    public async Task DeleteAndImport_DryRuns_SayWhatWouldHappen_AndChangeNothing()
    {
        string[] before = TestSupport.Tool.Fingerprint(_store.DirectoryPath);
        ProcessRunner.Result delete = await RunAsync("delete", "alpha", "nope", "--dry-run");
        Assert.Equal((3, "would delete  alpha\nnot found     nope\n"), (delete.ExitCode, delete.StandardOutput));

        const string Input = """
            [{"session_id":"alpha","messages":["a1","a2"],"input_tokens":1,"output_tokens":2},
             {"session_id":"beta","messages":["new"],"input_tokens":0,"output_tokens":0},
             {"session_id":"delta","messages":[],"input_tokens":0,"output_tokens":0}]
            """;
        ProcessRunner.Result conflict = await TestSupport.Tool.RunAsync(["import", "--dry-run", "--dir", _store.DirectoryPath], Input);
        Assert.Equal(4, conflict.ExitCode);
        ProcessRunner.Result import = await TestSupport.Tool.RunAsync(["import", "--dry-run", "--overwrite", "--dir", _store.DirectoryPath], Input);
        Assert.Equal((0, "would import 2 session(s): 1 new, 1 replaced, 1 unchanged; nothing was saved\n"), (import.ExitCode, import.StandardOutput));
        Assert.Equal(before, TestSupport.Tool.Fingerprint(_store.DirectoryPath));
    }

    [Fact]
    public async Task Import_AtATerminal_SaysWhereItReads_AndEndsAtCtrlD()
    {
        const string Json = """[{"session_id":"typed","messages":["by hand"],"input_tokens":0,"output_tokens":0}]""";
        Pty.Result import = await AtTerminalAsync(["import"], [("Ctrl-D", Json + "\n\u0004")]);
        Assert.True(import.ExitCode == 0, import.Text);
        Assert.Contains("note: reading a JSON array of sessions from this terminal; end with Ctrl-D", import.Text, StringComparison.Ordinal);
        Assert.Equal(["by hand"], _store.Load("typed").Messages);
    }

    [Fact]
    public async Task List_AtATerminal_HasAHeader_AndFitsEightyColumns_UnlessWide_AndPipedLinesStayAsTheyWere()
    {
        string longId = "a-very-long-session-id-" + new string('x', 60);
        _store.Save(new StoredSession(longId, ["m"], 1, 1));

        Pty.Result list = await AtTerminalAsync(["list"]);
        string[] lines = Rows(list.Text);
        Assert.Matches(@"^ID +MESSAGES +IN +OUT +SIZE +WRITTEN$", lines[0]);
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.Contains(lines, line => line.StartsWith("a-very-long-session-id", StringComparison.Ordinal) && line.Contains("…  ", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("beta ", StringComparison.Ordinal) && line.EndsWith("pinned", StringComparison.Ordinal));

        Pty.Result wide = await AtTerminalAsync(["list", "--wide"]);
        Assert.Contains(longId + " ", wide.Text, StringComparison.Ordinal);

        ProcessRunner.Result piped = await RunAsync("list");
        Assert.StartsWith("a-very-long", piped.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^alpha {27}\s+2 msgs\s+1 in\s+2 out", piped.StandardOutput);
    }

    [Fact]
    public async Task Json_NamesEverySessionSessionId_AndListSaysPinned()
    {
        using JsonDocument list = JsonDocument.Parse((await RunAsync("list", "--json")).StandardOutput);
        Assert.Equal([("alpha", false), ("beta", true)],
            list.RootElement.EnumerateArray().Select(e => (e.GetProperty("session_id").GetString(), e.GetProperty("pinned").GetBoolean())));

        foreach (string[] command in new string[][] { ["pin", "alpha"], ["unpin", "alpha"], ["delete", "nope", "--dry-run"] })
        {
            using JsonDocument outcome = JsonDocument.Parse((await RunAsync([.. command, "--json"])).StandardOutput);
            Assert.True(outcome.RootElement[0].TryGetProperty("session_id", out _), string.Join(' ', command));
            Assert.False(outcome.RootElement[0].TryGetProperty("id", out _));
        }
    }

    [Fact]
    public async Task Colours_FollowColorThenNoColor_ThenTheTerminal()
    {
        const string Sgr = "\u001b[1m";
        Assert.Contains(Sgr, (await AtTerminalAsync(["list"])).Terminal, StringComparison.Ordinal);
        Assert.DoesNotContain(Sgr, (await AtTerminalAsync(["list"], environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" })).Terminal, StringComparison.Ordinal);
        Assert.DoesNotContain(Sgr, (await AtTerminalAsync(["list", "--color", "never"])).Terminal, StringComparison.Ordinal);
        Assert.DoesNotContain(Sgr, (await RunAsync("list")).StandardOutput, StringComparison.Ordinal);
        Assert.Contains(Sgr, (await RunAsync("list", "--color", "always")).StandardOutput, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync("list", "--color", "sometimes")).ExitCode);
    }

    [Fact]
    public async Task Show_LongerThanTheScreen_GoesThroughThePager_AShortOneDoesNot()
    {
        _store.Save(new StoredSession("long", [.. Enumerable.Range(0, 40).Select(i => $"message {i}")], 1, 1));
        string paged = _temp.Combine("paged.txt");
        var pager = new Dictionary<string, string> { ["PAGER"] = $"cat > '{paged}'" };

        Pty.Result shown = await AtTerminalAsync(["show", "long"], environment: pager);
        Assert.Equal(0, shown.ExitCode);
        Assert.DoesNotContain("message 39", shown.Text, StringComparison.Ordinal);
        Assert.Contains("message 39", File.ReadAllText(paged), StringComparison.Ordinal);
        File.Delete(paged);

        Pty.Result fits = await AtTerminalAsync(["show", "alpha"], environment: pager);
        Assert.Contains("a2", fits.Text, StringComparison.Ordinal);
        Assert.False(File.Exists(paged));

        Assert.Contains("message 39", (await RunAsync("show", "long")).StandardOutput, StringComparison.Ordinal); // piped: no pager
    }

    [Fact]
    public async Task Completion_OffersTheStoresIds_ThroughTheRealBashScript_AndNoWindowsHelpAliases()
    {
        string bin = _temp.Combine("bin");
        Directory.CreateDirectory(bin);
        string wrapper = Path.Combine(bin, "sessions");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "sessions.dll")}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, (UnixFileMode)0x1ED);
        _store.Save(new StoredSession("alps", [], 0, 0));
        Assert.True(_store.MoveToTrash("alps"));

        string Complete(string line) =>
            $"source <(sessions completion bash); COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"; " +
            "[[ $COMP_LINE == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _sessions_complete; printf '%s\\n' \"${COMPREPLY[@]}\"";
        var path = new Dictionary<string, string> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };

        ProcessRunner.Result ids = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("bash", ["-c", Complete($"sessions show --dir {_store.DirectoryPath} al")], environment: path), TimeSpan.FromMinutes(1));
        Assert.Equal("alpha\n", ids.StandardOutput);
        ProcessRunner.Result trashed = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("bash", ["-c", Complete($"sessions trash restore --dir {_store.DirectoryPath} al")], environment: path), TimeSpan.FromMinutes(1));
        Assert.Equal("alps\n", trashed.StandardOutput);

        ProcessRunner.Result options = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("bash", ["-c", Complete("sessions list ")], environment: path), TimeSpan.FromMinutes(1));
        Assert.Contains("--wide\n", options.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("/?", options.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("/h", options.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_InterruptedByCtrlC_StopsBetweenSessions_AndSaysWhatItAlreadyMoved()
    {
        for (int i = 0; i < 5000; i++)
        {
            _store.Save(new StoredSession($"s{i:D4}", ["m"], 1, 1));
        }

        Pty.Result prune = await AtTerminalAsync(["prune", "--older-than", "0s"], [("looked at", ""), ("looked at", "\u0003")],
            environment: new Dictionary<string, string> { ["SESSIONS_PROGRESS_DELAY"] = "0" });
        Assert.True(prune.ExitCode == 130, prune.Text);
        int moved = _store.ListTrash().Count;
        int left = _store.List().Count;
        Assert.True(moved > 0 && left > 1, $"moved {moved}, left {left}");
        Assert.Matches($@"error: interrupted: {moved} session\(s\) were already moved to the trash \(.*\); 'sessions trash list' shows them", prune.Text);
    }

    [Fact]
    public async Task Help_OfEveryCommand_EndsWithExamples_AndPrintsNoDate()
    {
        foreach (string[] command in await CommandsAsync())
        {
            ProcessRunner.Result help = await TestSupport.Tool.RunAsync([.. command, "--help"]);
            string name = string.Join(' ', command);
            Assert.True(help.ExitCode == 0, name + ": " + help.StandardError);
            Assert.Matches(@"\nExamples:\n(  sessions .+\n|  source .+\n)+", help.StandardOutput);
            Assert.DoesNotMatch(@"\d{1,2}/\d{1,2}/\d{4}", help.StandardOutput);
        }
    }

    [Fact]
    public async Task ReadmesToolSection_AgreesWithHelp_ExitCodesCommandsAndOptions()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        ProcessRunner.Result root = await TestSupport.Tool.RunAsync(["--help"]);
        string exitCodes = Regex.Match(root.StandardOutput, @"Exit codes: [^\n]+").Value;
        Assert.Contains("\n" + exitCodes + "\n", readme, StringComparison.Ordinal);

        string[] table = [.. readme.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal) && ToolRow().IsMatch(l))];
        string[] helpCommands = [.. (await CommandsAsync()).Select(c => c[0]).Distinct()];
        string[] readmeCommands = [.. table.SelectMany(row => Regex.Matches(row.Split(" | ")[0], @"`(\w+)").Select(m => m.Groups[1].Value)).Distinct().Order(StringComparer.Ordinal)];
        Assert.Equal(helpCommands.Order(StringComparer.Ordinal), readmeCommands);

        foreach (string[] command in await CommandsAsync())
        {
            string help = (await TestSupport.Tool.RunAsync([.. command, "--help"])).StandardOutput;
            string row = table.Single(r => r.Split(" | ")[0].Contains("`" + command[0], StringComparison.Ordinal) ||
                r.Split(" | ")[0].Contains("/ `" + command[0], StringComparison.Ordinal));
            foreach (string option in Regex.Matches(help, @"(?m)^  (?:-\w, )?(--[\w-]+)").Select(m => m.Groups[1].Value).Distinct())
            {
                Assert.True(row.Contains(option, StringComparison.Ordinal) || readme.Contains("`" + option, StringComparison.Ordinal),
                    $"README does not mention {option} of '{string.Join(' ', command)}'");
            }
        }
    }

    /// <summary>Every command and subcommand the tool has (those without subcommands), read from its help.</summary>
    private static async Task<List<string[]>> CommandsAsync(params string[] parent)
    {
        string help = (await TestSupport.Tool.RunAsync([.. parent, "--help"])).StandardOutput;
        int start = help.IndexOf("Commands:", StringComparison.Ordinal);
        if (start < 0)
        {
            return [parent];
        }

        var commands = new List<string[]>();
        string section = help[start..].Split("\n\n")[0];
        foreach (Match command in Regex.Matches(section, @"(?m)^  (\w+)"))
        {
            commands.AddRange(await CommandsAsync([.. parent, command.Groups[1].Value]));
        }

        return commands;
    }

    private static string[] Rows(string terminal) =>
        [.. terminal.Split('\n').Select(l => l.TrimEnd('\r').TrimStart('\r')).Where(l => l.Length > 0 && !l.StartsWith("note:", StringComparison.Ordinal))];

    [GeneratedRegex(@"^\| `(list|search|title|reindex|show|delete|fork|prune|trash|pin|verify|quarantine|export|copy|serve|demo|completion)\b")]
    private static partial Regex ToolRow();
}

using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Samples;

/// <summary>The tool's commands, run as a real process over a real directory: stdout, stderr and exit codes.</summary>
public sealed class ConsoleToolCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ConsoleToolCommandTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(new StoredSession("alpha", ["a1", "a2", "a3"], 10, 20));
        _store.Save(new StoredSession("beta", ["b1"], 1, 2));
        File.SetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "alpha.json"), DateTime.UtcNow.AddDays(-40));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ListJson_AndRecent()
    {
        ProcessRunner.Result json = await RunAsync("list", "--json");
        Assert.Equal(0, json.ExitCode);
        using JsonDocument document = JsonDocument.Parse(json.StandardOutput);
        JsonElement first = document.RootElement[0];
        Assert.Equal(("alpha", 3, 10, 20), (first.GetProperty("session_id").GetString(), first.GetProperty("message_count").GetInt32(),
            first.GetProperty("input_tokens").GetInt64(), first.GetProperty("output_tokens").GetInt64()));
        Assert.Equal(new FileInfo(Path.Combine(_store.DirectoryPath, "alpha.json")).Length, first.GetProperty("size_bytes").GetInt64());

        ProcessRunner.Result recent = await RunAsync("list", "--recent");
        Assert.StartsWith("beta ", recent.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowJson_PrintsTheReferenceFormat()
    {
        ProcessRunner.Result show = await RunAsync("show", "beta", "--json");
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("\"session_id\": \"beta\"", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("\"output_tokens\": 2", show.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fork_CopiesAtomically_AndNeverOverwrites()
    {
        ProcessRunner.Result fork = await RunAsync("fork", "alpha", "gamma");
        Assert.Equal(0, fork.ExitCode);
        Assert.Equal(_store.Load("alpha") with { SessionId = "gamma" }, _store.Load("gamma"));

        ProcessRunner.Result again = await RunAsync("fork", "beta", "gamma");
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("error: Session 'gamma'", again.StandardError, StringComparison.Ordinal);
        Assert.Equal(3, _store.Load("gamma").Messages.Count);

        ProcessRunner.Result missing = await RunAsync("fork", "nope", "delta");
        Assert.Equal(3, missing.ExitCode);
    }

    [Fact]
    public async Task Prune_DryRunThenForReal()
    {
        ProcessRunner.Result dry = await RunAsync("prune", "--older-than", "30d", "--dry-run");
        Assert.Equal((0, "would delete alpha\n1 session(s) would be pruned\n"), (dry.ExitCode, dry.StandardOutput));
        Assert.True(_store.Exists("alpha"));

        ProcessRunner.Result real = await RunAsync("prune", "--older-than", "30d");
        Assert.Equal("deleted alpha\n1 session(s) pruned\n", real.StandardOutput);
        Assert.Equal(["beta"], _store.List());

        ProcessRunner.Result bad = await RunAsync("prune", "--older-than", "soon");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("'soon' is not an age", bad.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FindsProblems_AndRepairQuarantinesWithoutDeleting()
    {
        Assert.Equal(0, (await RunAsync("verify")).ExitCode);

        string corrupt = Path.Combine(_store.DirectoryPath, "broken.json");
        File.WriteAllText(corrupt, "{ torn");
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "liar.json"), """{"session_id": "other", "messages": [], "input_tokens": 0, "output_tokens": 0}""");
        string leftover = Path.Combine(_store.DirectoryPath, ".beta.00000000deadbeef.tmp");
        File.WriteAllText(leftover, "{");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddHours(-1));

        ProcessRunner.Result found = await RunAsync("verify");
        Assert.Equal(1, found.ExitCode);
        Assert.Contains("corrupt    " + corrupt, found.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("holds session 'other', not 'liar'", found.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("leftover   " + leftover, found.StandardOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(corrupt) && File.Exists(leftover), "verify without --repair changes nothing");

        ProcessRunner.Result repaired = await RunAsync("verify", "--repair");
        Assert.Equal(0, repaired.ExitCode);
        Assert.False(File.Exists(corrupt));
        Assert.False(File.Exists(leftover));
        string[] quarantined = Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".quarantine"));
        Assert.Equal(2, quarantined.Length);
        Assert.Contains(quarantined, q => File.ReadAllText(q) == "{ torn");
        Assert.Equal(["alpha", "beta"], _store.List());
        Assert.Equal(0, (await RunAsync("verify")).ExitCode);
    }

    [Fact]
    public async Task ExportThenImport_MovesSessionsBetweenDirectories()
    {
        ProcessRunner.Result export = await RunAsync("export");
        Assert.Equal(0, export.ExitCode);

        string target = _temp.Combine("copy");
        ProcessRunner.Result import = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "sessions.dll"), "import", "--dir", target], standardInput: export.StandardOutput),
            TimeSpan.FromMinutes(1));
        Assert.Equal((0, "imported 2 session(s)\n"), (import.ExitCode, import.StandardOutput));
        var copy = new FileSessionStore(target);
        Assert.Equal(_store.Load("alpha"), copy.Load("alpha"));
        Assert.Equal(_store.Load("beta"), copy.Load("beta"));
    }

    [Fact]
    public async Task Import_OfAnInvalidSession_ImportsNothing()
    {
        string target = _temp.Combine("copy");
        const string Input = """[{"session_id": "ok", "messages": [], "input_tokens": 0, "output_tokens": 0}, {"session_id": "../bad", "messages": [], "input_tokens": 0, "output_tokens": 0}]""";
        ProcessRunner.Result import = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "sessions.dll"), "import", "--dir", target], standardInput: Input),
            TimeSpan.FromMinutes(1));
        Assert.Equal(1, import.ExitCode);
        Assert.StartsWith("error: session '../bad' is not valid", import.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("show")]
    [InlineData("delete")]
    [InlineData("fork")]
    [InlineData("prune")]
    [InlineData("verify")]
    [InlineData("export")]
    [InlineData("import")]
    public async Task EveryCommand_HasHelp(string command)
    {
        ProcessRunner.Result help = await RunAsync(command, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("Usage:", help.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"sessions {command}", help.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyFiles_ShowAProgressLineOnStderr()
    {
        var big = Sessions.FastStore(_temp.Combine("big"));
        for (int i = 0; i < 2100; i++)
        {
            big.Save(Sessions.Make("s" + i.ToString("D5")));
        }

        ProcessRunner.Result verify = await ProcessRunner.WaitAsync(
            ProcessRunner.StartDotNetApp("sessions", ["verify", "--dir", big.DirectoryPath]), TimeSpan.FromMinutes(2));
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal("verified: 2000 files\n", verify.StandardError);
        Assert.Equal("ok: 2100 sessions, no problem\n", verify.StandardOutput);
    }

    private Task<ProcessRunner.Result> RunAsync(params string[] args) =>
        ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp("sessions", [.. args, "--dir", _store.DirectoryPath]), TimeSpan.FromMinutes(1));
}

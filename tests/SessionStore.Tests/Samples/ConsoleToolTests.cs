using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Samples;

/// <summary>The console sample, run as a real process: the demo on the default directory, and commands over a directory the Python module wrote.</summary>
public sealed class ConsoleToolTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Demo_WithNoArguments_RunsOnPortSessionsInTheCurrentDirectory()
    {
        ProcessRunner.Result result = await RunAsync([]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StandardError);
        Assert.Contains("delete  demo-scratch -> true", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("delete  demo-scratch -> false", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("equal to saved: True", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("by a generated store (schema v2), equal: True", result.StandardOutput, StringComparison.Ordinal);
        var store = new FileSessionStore(Path.Combine(_temp.Path, ".port_sessions"));
        Assert.Equal(["demo-greeting", "demo-weather"], store.List());
    }

    [Fact]
    public async Task ListShowDelete_WorkOnADirectoryThePythonModuleWrote()
    {
        string directory = _temp.Combine("from-python");
        await PythonReference.RunAsync(
            """
            d = Path(args["dir"])
            save_session(StoredSession("py-one", ("hi", "héllo"), 3, 4), d)
            save_session(StoredSession("py-two", (), 0, 0), d)
            """,
            $"{{\"dir\": \"{directory}\"}}");

        ProcessRunner.Result list = await RunAsync(["list", "--dir", directory]);
        Assert.Equal((0, ""), (list.ExitCode, list.StandardError));
        string[] lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^py-one\s+2 msgs\s+3 in\s+4 out\s+\d+ B  \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$", lines[0]);
        Assert.StartsWith("py-two ", lines[1], StringComparison.Ordinal);

        ProcessRunner.Result show = await RunAsync(["show", "py-one", "--dir", directory]);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("tokens   3 in, 4 out", show.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("[1] héllo", show.StandardOutput, StringComparison.Ordinal);

        ProcessRunner.Result delete = await RunAsync(["delete", "py-two", "py-two", "--dir", directory]);
        Assert.Equal(3, delete.ExitCode);
        Assert.Equal("deleted    py-two\nnot found  py-two\n", delete.StandardOutput);
        Assert.Equal(["py-one"], new FileSessionStore(directory).List());
    }

    [Theory]
    [InlineData(new[] { "show", "missing" }, 3, "error: Session 'missing' was not found")]
    [InlineData(new[] { "show", "../etc/passwd" }, 1, "error: Session id '../etc/passwd' is not valid")]
    [InlineData(new[] { "show", "corrupt" }, 1, "error: Session 'corrupt' at ")]
    [InlineData(new[] { "delete", "stuck" }, 1, "error: Session 'stuck' exists at ")]
    public async Task Errors_AreOneLineOnStderr_WithANonZeroExitCode(string[] args, int exitCode, string message)
    {
        string directory = _temp.Combine("store");
        Directory.CreateDirectory(Path.Combine(directory, "stuck.json", "child"));
        File.WriteAllText(Path.Combine(directory, "corrupt.json"), "{ torn");

        ProcessRunner.Result result = await RunAsync([.. args, "--dir", directory]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith(message, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    private Task<ProcessRunner.Result> RunAsync(string[] args) =>
        ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp("sessions", args, workingDirectory: _temp.Path), TimeSpan.FromMinutes(1));
}

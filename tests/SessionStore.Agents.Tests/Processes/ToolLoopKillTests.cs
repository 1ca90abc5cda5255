using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.Processes;

/// <summary>
/// MAF's per-service-call persistence (<c>RequirePerServiceCallChatHistoryPersistence</c>) with real processes: a host is
/// killed with SIGKILL inside its second tool call, and a new process resumes the run. Which finished tool runs again is
/// what docs/agents.md promises for each mode.
/// </summary>
public sealed class ToolLoopKillTests : IDisposable
{
    private const string Worker = "SessionStore.Agents.Worker";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("per-call", "shared", new[] { "reserve", "pay", "pay" }, "resumed booked")]
    [InlineData("end-of-run", "shared", new[] { "reserve", "pay", "reserve", "pay" }, "ran booked")]
    [InlineData("per-call", "branches", new[] { "reserve", "pay", "reserve", "pay" }, "ran booked")]
    public async Task Killed_in_the_tool_loop_the_resumed_run_repeats_only_what_the_mode_did_not_keep(string persist, string branches, string[] toolRuns, string resumedReport)
    {
        string backend = "dir:" + _temp.Combine("store");
        string log = _temp.Combine("tool-runs.log");
        using (System.Diagnostics.Process killed = ProcessRunner.StartDotNetApp(Worker, ["tool-loop", backend, persist, branches, log, "block"]))
        {
            string? line = await killed.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal("running pay", line);
            killed.Kill();   // SIGKILL, inside the second tool call: after the first model call, the first tool and the second model call
            await killed.WaitForExitAsync();
        }

        ProcessRunner.Result resumed = await ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp(Worker, ["tool-loop", backend, persist, branches, log, "run"]), TimeSpan.FromMinutes(1));

        Assert.True(resumed.ExitCode == 0, resumed.StandardError);
        Assert.Equal(resumedReport, resumed.StandardOutput.Trim());
        Assert.Equal(toolRuns, File.ReadAllLines(log));
    }
}

using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Samples;

/// <summary>The small generated-store sample, run as a real process.</summary>
public sealed class TypedStoreDemoTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SavesLoadsAndMigrates_OnlyInAnEmptyOrNewDirectory()
    {
        string directory = _temp.Combine("agents");
        ProcessRunner.Result run = await ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp("typed-store-demo", [directory]), TimeSpan.FromMinutes(1));
        Assert.Equal((0, ""), (run.ExitCode, run.StandardError));
        Assert.Contains("loaded  agent-0 written by schema v1 -> model 'unknown' (schema v2)", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("loaded  agent-1, equal to saved: True", run.StandardOutput, StringComparison.Ordinal);

        ProcessRunner.Result again = await ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp("typed-store-demo", [directory]), TimeSpan.FromMinutes(1));
        Assert.Equal(2, again.ExitCode);
        Assert.StartsWith("error: ", again.StandardError, StringComparison.Ordinal);
    }
}

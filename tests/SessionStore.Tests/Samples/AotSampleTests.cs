using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Samples;

/// <summary>
/// Publishes the NativeAOT sample for real (trimmed, linux-x64), fails on any trim, AOT or ILC warning,
/// and runs the native binary over every store operation, a generated store and a directory the Python module wrote.
/// </summary>
[Collection(RepositoryBuildsCollection.Name)]
public sealed class AotSampleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PublishedNativeBinary_HasNoWarnings_AndPassesEveryCheck()
    {
        string binary = await NativeAot.PublishSampleAsync("SessionStore.Samples.Aot", "sessions-aot", _temp.Combine("publish"));

        string pythonDirectory = _temp.Combine("python");
        await PythonReference.SaveTwoSessionsAsync(pythonDirectory);

        ProcessRunner.Result run = await ProcessRunner.RunAsync(binary, ["check", _temp.Combine("work"), pythonDirectory]);

        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal("", run.StandardError);
        Assert.EndsWith("all checks passed\n", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ok       typed store migrates v1 -> v2", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("ok       python session py-1: 2 messages, 7/8 tokens", run.StandardOutput, StringComparison.Ordinal);

        ProcessRunner.Result list = await ProcessRunner.RunAsync(binary, ["list", pythonDirectory]);
        Assert.Equal("py-1\npy-2\n", list.StandardOutput);

        // The same binary against PostgreSQL (NpgsqlSlimDataSourceBuilder), when CI has started a server.
        string? postgres = Environment.GetEnvironmentVariable("SESSIONSTORE_POSTGRES");
        if (string.IsNullOrEmpty(postgres))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                "CI=true but SESSIONSTORE_POSTGRES is not set: the NativeAOT binary must be checked against PostgreSQL in CI.");
            return;
        }

        ProcessRunner.Result pg = await ProcessRunner.RunAsync(binary, ["check-postgres", postgres]);
        Assert.True(pg.ExitCode == 0, pg.StandardOutput + pg.StandardError);
        Assert.EndsWith("all checks passed\n", pg.StandardOutput, StringComparison.Ordinal);
    }
}

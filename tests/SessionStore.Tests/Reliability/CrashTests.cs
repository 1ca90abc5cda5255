using SessionStore.TestWorker;
using SessionStore.Tests.TestSupport;
using Xunit.Abstractions;

namespace SessionStore.Tests.Reliability;

/// <summary>A short round of the crash harness on every CI run: real child processes, real SIGKILLs. The long round is scripts/crash-run.sh.</summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ThirtyKills_LeaveNoTornFile_AndLoseNoCommittedUpdate()
    {
        string directory = _temp.Combine("crash");
        CrashHarness.Report report = CrashHarness.Run(directory, kills: 30, sessions: 4, seed: 2026, output.WriteLine);

        Assert.Equal(30, report.Kills);
        Assert.True(report.UpdatesCommitted >= 30, $"only {report.UpdatesCommitted} updates committed");
        Assert.True(report.FilesVerified >= 30, $"only {report.FilesVerified} files verified");

        // The next process starts cleanly: it reads everything and can update again.
        var store = new FileSessionStore(directory);
        Assert.All(store.List(), id => Assert.Equal(id, store.Update(id, s => s!).SessionId));
    }
}

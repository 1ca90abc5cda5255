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
    public void ThirtyKills_LeaveNoTornFile_AndLoseNoCommittedRewriteOrAppend()
    {
        string directory = _temp.Combine("crash");
        CrashHarness.Report report = CrashHarness.Run(directory, kills: 30, sessions: 4, seed: 2026, output.WriteLine);

        Assert.Equal(30, report.Kills);
        Assert.True(report.WritesCommitted >= 30, $"only {report.WritesCommitted} writes committed");
        Assert.True(report.AppendsCommitted >= 10, $"only {report.AppendsCommitted} appends committed");
        Assert.True(report.FilesVerified >= 30, $"only {report.FilesVerified} files verified");

        // The next process starts cleanly: it reads everything and can update again.
        var store = new FileSessionStore(directory);
        Assert.All(store.List(), id => Assert.Equal(id, store.Update(id, s => s!).SessionId));
    }

    [Fact]
    public async Task KillsDuringAppends_LoseNoCommittedAppend_AndNeverFailALoad()
    {
        string directory = _temp.Combine("appends");
        var random = new Random(2026);
        long committed = 0;
        for (int kill = 0; kill < 20; kill++)
        {
            using var child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["append-crash-loop", directory]);
            string? first = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith("committed ", first, StringComparison.Ordinal);
            await Task.Delay(random.Next(0, 200));
            child.Kill();
            string rest = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            foreach (string line in (first + "\n" + rest).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                if (line.StartsWith("committed ", StringComparison.Ordinal) && long.TryParse(line[10..], out long count))
                {
                    committed = Math.Max(committed, count);
                }
            }

            StoredSession session = new FileSessionStore(directory).Load(AppendCrashLoop.SessionId);
            Assert.True(AppendCrashLoop.IsIntact(session), $"kill {kill}: the messages are not m0..m{session.Messages.Count - 1}");
            Assert.InRange(session.Messages.Count, committed, committed + 1);
        }

        output.WriteLine($"20 kills during appends: {committed} appends committed, none lost");
        Assert.True(committed > 20, $"only {committed} appends ran");
    }
}

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

    /// <summary>
    /// The short round of <c>scripts/crash-run.sh N SEED --python</c>: between kills the real Python module saves a
    /// session back one step in place or deletes it, and the harness checks that exactly what Python left stays.
    /// </summary>
    [Fact]
    public void ThirtyKills_WithThePythonModuleSavingAndDeletingBetweenThem_LoseNothingAndResurrectNothing()
    {
        string directory = _temp.Combine("crash-python");
        var python = new ForeignWriter(RepositoryLayout.SeedDirectory, directory);
        CrashHarness.Report report = CrashHarness.Run(directory, kills: 30, sessions: 4, seed: 21, output.WriteLine, python);

        Assert.Equal(30, report.Kills);
        Assert.True(report.AppendsCommitted >= 10, $"only {report.AppendsCommitted} appends committed");
        Assert.True(report.ForeignSaves >= 3 && report.ForeignDeletes >= 1, $"Python saved {report.ForeignSaves} and deleted {report.ForeignDeletes} times");
    }

    [Fact]
    public async Task KillsDuringAppends_LoseNoCommittedAppend_AndNeverFailALoad()
    {
        string directory = _temp.Combine("appends");
        long committed = await KillRounds(directory, "append-crash-loop", kills: 20, () =>
        {
            StoredSession session = new FileSessionStore(directory).Load(AppendCrashLoop.SessionId);
            Assert.True(AppendCrashLoop.IsIntact(session), $"the messages are not m0..m{session.Messages.Count - 1}");
            return session.Messages.Count;
        });
        output.WriteLine($"20 kills during appends: {committed} appends committed, none lost");
        Assert.True(committed > 20, $"only {committed} appends ran");
    }

    [Fact]
    public async Task KillsDuringTypedAppends_LoseNoCommittedAppend_AndNeverFailALoad()
    {
        string directory = _temp.Combine("typed");
        long committed = await KillRounds(directory, "typed-append-crash-loop", kills: 15, () =>
        {
            TurnLog log = TypedAppendCrashLoop.Store(directory).Load(TypedAppendCrashLoop.SessionId);
            Assert.True(TypedAppendCrashLoop.IsIntact(log), $"the turns are not t0..t{log.Turns.Count - 1} with their count ({log.Count})");
            return log.Turns.Count;
        });
        output.WriteLine($"15 kills during typed appends: {committed} appends committed, none lost");
        Assert.True(committed > 15, $"only {committed} appends ran");

        // The file is still in the layout the in-place path appends to: the next append does not rewrite it.
        string file = Path.Combine(directory, TypedAppendCrashLoop.SessionId + ".json");
        long before = new FileInfo(file).Length;
        ulong inode = Storage.Posix.TryStatEntry(file, out var status, out _) ? status.Ino : 0;
        TypedAppendCrashLoop.Store(directory).Append(TypedAppendCrashLoop.SessionId, [new LogTurn("after")]);
        Assert.True(Storage.Posix.TryStatEntry(file, out status, out _) && new FileInfo(file).Length > before);
        TestPlatform.AssertAppendedInPlace(inode, status.Ino);
    }

    /// <summary>Starts the worker in <paramref name="mode"/>, kills it at a random point, checks, again; the highest count it acknowledged.</summary>
    private static async Task<long> KillRounds(string directory, string mode, int kills, Func<int> checkAndCount)
    {
        var random = new Random(2026);
        long committed = 0;
        for (int kill = 0; kill < kills; kill++)
        {
            using var child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", [mode, directory]);
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

            Assert.InRange(checkAndCount(), committed, committed + 1);
        }

        return committed;
    }
}

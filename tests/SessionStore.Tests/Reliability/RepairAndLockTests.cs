using System.Diagnostics;
using SessionStore.Storage;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// Repairs that race with writers, lock files that are not files, and lock waits under a frozen clock:
/// another real process holds the lock, and the store's own log says when a writer starts waiting.
/// </summary>
public sealed class RepairAndLockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _temp = new();
    private readonly string _directory;

    public RepairAndLockTests()
    {
        _directory = _temp.Combine("store");
        Sessions.FastStore(_directory).Save(Sessions.Make("seed"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CheckRepair_JudgesACorruptFileAgainUnderTheLock_SoASessionSavedMeanwhileIsNeverQuarantined()
    {
        string path = Path.Combine(_directory, "c.json");
        File.WriteAllText(path, "{\"session_id\": \"c\", \"messages\": [");
        var logs = new CollectingLogger();
        var store = new FileSessionStore(_directory, new FileSessionStoreOptions { Durable = false, LoggerFactory = logs, LockTimeout = Patience });

        using Process holder = await HoldLockAsync(StripeMateOf("c"));
        Task<StoreCheckResult> check;
        try
        {
            check = Task.Run(() => store.Check(repair: true));
            Assert.True(logs.WaitFor("LockContended", Patience), "the repair never waited for the session's lock");

            // Check has read the torn file and waits for the lock: the Python module saves the session now.
            await PythonReference.RunAsync("save_session(StoredSession('c', ('saved meanwhile',), 1, 2), Path(args['dir']))", $"{{\"dir\": \"{_directory}\"}}");
        }
        finally
        {
            holder.Kill();
            await holder.WaitForExitAsync();
        }

        StoreCheckResult result = await check.WaitAsync(Patience);
        Assert.DoesNotContain(result.Problems, p => p.SessionId == "c");
        Assert.Equal(new StoredSession("c", ["saved meanwhile"], 1, 2), store.Load("c"));
        Assert.False(Directory.Exists(Path.Combine(_directory, ".quarantine")) && Directory.EnumerateFileSystemEntries(Path.Combine(_directory, ".quarantine")).Any());
    }

    [Fact]
    public void CheckRepair_StillQuarantinesAFileThatIsCorruptUnderTheLock()
    {
        File.WriteAllText(Path.Combine(_directory, "c.json"), "{\"session_id\": \"c\", \"messages\": [");
        StoreCheckResult result = Sessions.FastStore(_directory).Check(repair: true);
        StoreProblem problem = Assert.Single(result.Problems);
        Assert.True(problem is { Kind: StoreProblemKind.CorruptSession, SessionId: "c", Repaired: true }, problem.ToString());
        Assert.Single(Directory.GetFiles(Path.Combine(_directory, ".quarantine"), "c.*.json"));
    }

    [Fact]
    public void ALockFileThatIsADirectory_IsReportedByCheck_AndItsWritersFailWithATypedError()
    {
        var store = Sessions.FastStore(_directory);
        string lockPath = SessionFileLayout.LockPath(_directory, "s");
        Directory.CreateDirectory(lockPath);
        File.WriteAllText(Path.Combine(lockPath, "inside"), "kept");

        foreach (bool repair in new[] { false, true })
        {
            StoreCheckResult result = store.Check(repair);
            StoreProblem problem = Assert.Single(result.Problems, p => p.Path == lockPath);
            Assert.True(problem is { Kind: StoreProblemKind.ForeignEntry, Repaired: false }, problem.ToString());
            Assert.Contains("a directory", problem.Description, StringComparison.Ordinal);
        }

        var error = Assert.Throws<SessionStorageException>(() => store.Save(Sessions.Make("s")));
        Assert.Contains(lockPath, error.Message, StringComparison.Ordinal);
        Assert.Equal("kept", File.ReadAllText(Path.Combine(lockPath, "inside")));
    }

    [Fact]
    public async Task UnderAFrozenClock_ALockWaitTimesOutAndResumes_OnRealTime()
    {
        var logs = new CollectingLogger();
        FileSessionStore Frozen(TimeSpan lockTimeout) => new(_directory, new FileSessionStoreOptions
        {
            Durable = false, TimeProvider = new FrozenClock(), LockTimeout = lockTimeout, LoggerFactory = logs,
        });

        using Process holder = await HoldLockAsync("seed");
        Task<StoredSession> waiting;
        try
        {
            Task timingOut = Task.Run(() => Frozen(TimeSpan.FromMilliseconds(200)).Update("seed", s => s! with { InputTokens = -1 }));
            await Assert.ThrowsAsync<SessionLockTimeoutException>(() => timingOut.WaitAsync(Patience));

            logs.Entries.Clear();
            waiting = Frozen(Patience).UpdateAsync("seed", s => s! with { InputTokens = 42 }).AsTask();
            Assert.True(logs.WaitFor("LockContended", Patience), "the update never started waiting for the lock");
        }
        finally
        {
            holder.Kill(); // the kernel frees the lock; nothing moves the frozen clock
            await holder.WaitForExitAsync();
        }

        Assert.Equal(42, (await waiting.WaitAsync(Patience)).InputTokens);
    }

    /// <summary>Another process holding <paramref name="id"/>'s lock (inside an Update) until it is killed.</summary>
    private async Task<Process> HoldLockAsync(string id)
    {
        if (!File.Exists(Path.Combine(_directory, id + ".json")))
        {
            Sessions.FastStore(_directory).Save(Sessions.Make(id));
        }

        Process child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["hold-lock", _directory, id]);
        Assert.Equal("locked", await child.StandardOutput.ReadLineAsync().WaitAsync(Patience));
        return child;
    }

    /// <summary>Another id on <paramref name="id"/>'s lock stripe.</summary>
    private static string StripeMateOf(string id) =>
        Enumerable.Range(0, 10_000).Select(i => "mate" + i).First(m => SessionFileLayout.LockFileName(m) == SessionFileLayout.LockFileName(id));

    /// <summary>A test clock that never moves: its time, its timestamps and its timers all stand still.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override long GetTimestamp() => 0;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new StoppedTimer();

        private sealed class StoppedTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}

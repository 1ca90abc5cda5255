using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Concurrency;

/// <summary>Update: read, change and save under a lock that excludes threads and processes.</summary>
public sealed class UpdateTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public UpdateTests() => _store = Sessions.FastStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Update_OfAnAbsentSession_GetsNull_AndCreatesIt()
    {
        StoredSession? seen = Sessions.Make("x");
        StoredSession saved = _store.Update("new", current =>
        {
            seen = current;
            return new StoredSession("new", ["first"], 1, 0);
        });

        Assert.Null(seen);
        Assert.Equal(saved, _store.Load("new"));
    }

    [Fact]
    public async Task ConcurrentUpdates_FromManyThreads_NeverLoseAnIncrement()
    {
        const int Threads = 8;
        const int PerThread = 100;
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            for (int i = 0; i < PerThread; i++)
            {
                if (i % 2 == 0)
                {
                    _store.Update("counter", Increment);
                }
                else
                {
                    await _store.UpdateAsync("counter", Increment);
                }
            }
        })));

        StoredSession final = _store.Load("counter");
        Assert.Equal(Threads * PerThread, final.InputTokens);
        Assert.Equal(Threads * PerThread, final.Messages.Count);
    }

    [Fact]
    public void Update_ThatReturnsAnotherId_IsRefused_AndWritesNothing()
    {
        _store.Save(Sessions.Make("a"));
        Assert.Throws<ArgumentException>(() => _store.Update("a", s => s! with { SessionId = "b" }));
        Assert.Equal(Sessions.Make("a"), _store.Load("a"));
        Assert.False(_store.Exists("b"));
    }

    [Fact]
    public void Update_WhoseChangeThrows_WritesNothing_AndReleasesTheLock()
    {
        _store.Save(Sessions.Make("a"));
        Assert.Throws<InvalidOperationException>(() => _store.Update("a", _ => throw new InvalidOperationException("no")));
        Assert.Equal(Sessions.Make("a"), _store.Load("a"));

        var quick = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMilliseconds(100) });
        Assert.Equal(1, quick.Update("a", s => s! with { InputTokens = 1 }).InputTokens);
    }

    [Fact]
    public void Update_OfACorruptFile_Throws_WithoutCallingTheChange()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "bad.json"), "{ torn");
        bool called = false;
        Assert.Throws<SessionCorruptException>(() => _store.Update("bad", s => { called = true; return s!; }));
        Assert.False(called);
        Assert.Equal("{ torn", File.ReadAllText(Path.Combine(_store.DirectoryPath, "bad.json")));
    }

    [Fact]
    public void Update_RefusesInvalidIdsAndNullChanges_BeforeAnyIo()
    {
        string hostile = string.Concat("..", "/x"); // not a constant: SS0003 would (rightly) flag one
        Assert.Throws<InvalidSessionIdException>(() => _store.Update(hostile, s => s!));
        Assert.Throws<ArgumentNullException>(() => _store.Update("ok", null!));
        Assert.Empty(_temp.Snapshot());
    }

    [Fact]
    public async Task Update_WaitsForTheLock_AndTimesOutWithATypedError()
    {
        _store.Save(Sessions.Make("held"));
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        Task holder = Task.Run(() => _store.Update("held", s =>
        {
            inside.Set();
            release.Wait();
            return s! with { OutputTokens = 100 };
        }));
        inside.Wait();

        var impatient = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMilliseconds(200) });
        var error = Assert.Throws<SessionLockTimeoutException>(() => impatient.Update("held", s => s! with { OutputTokens = -1 }));
        Assert.Equal("held", error.SessionId);
        Assert.Throws<SessionLockTimeoutException>(() => impatient.Delete("held"));

        release.Set();
        await holder;
        Assert.Equal(100, _store.Load("held").OutputTokens);
        Assert.True(impatient.Delete("held"));
    }

    [Fact]
    public async Task TheLock_ExcludesAnotherProcess_AndIsFreedWhenThatProcessIsKilled()
    {
        _store.Save(Sessions.Make("shared"));
        using var child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["hold-lock", _store.DirectoryPath, "shared"]);
        try
        {
            Assert.Equal("locked", await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            var impatient = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMilliseconds(300) });
            Assert.Throws<SessionLockTimeoutException>(() => impatient.Update("shared", s => s! with { InputTokens = 7 }));
        }
        finally
        {
            child.Kill(); // SIGKILL: the kernel drops the dead process's lock
            await child.WaitForExitAsync();
        }

        var next = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(7, next.Update("shared", s => s! with { InputTokens = 7 }).InputTokens);
    }

    [Fact]
    public void LockFiles_NeverShowInList_AndDoNotAccumulate()
    {
        for (int i = 0; i < 500; i++)
        {
            _store.Update("s" + i, _ => Sessions.Make("s" + i));
        }

        for (int i = 0; i < 500; i += 2)
        {
            Assert.True(_store.Delete("s" + i));
        }

        Assert.Equal(250, _store.List().Count);
        Assert.DoesNotContain(_store.List(), id => id.Contains("lock", StringComparison.Ordinal));
        string[] locks = Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".locks"));
        Assert.InRange(locks.Length, 1, 64);
        Assert.All(Directory.GetFiles(_store.DirectoryPath), f => Assert.EndsWith(".json", f, StringComparison.Ordinal));
    }

    private static StoredSession Increment(StoredSession? current) => current is null
        ? new StoredSession("counter", ["+"], 1, 0)
        : current with { InputTokens = current.InputTokens + 1, Messages = [.. current.Messages, "+"] };
}

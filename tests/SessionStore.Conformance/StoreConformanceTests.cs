using System.Diagnostics;

namespace SessionStore.Conformance;

/// <summary>
/// The contract of API.md and the reliability issue, written once against <see cref="ISessionStore{TSession}"/>
/// and run with the same assertions against every backend.
/// </summary>
public abstract partial class StoreConformanceTests : IDisposable
{
    private readonly Lazy<ISessionStore<StoredSession>> _store;

    protected StoreConformanceTests() => _store = new Lazy<ISessionStore<StoredSession>>(CreateStore);

    /// <summary>The store under test; with <see cref="ThroughAsync"/>, its synchronous members call the asynchronous ones.</summary>
    protected ISessionStore<StoredSession> Store => ThroughAsync ? new AsyncRoutedStore(_store.Value) : _store.Value;

    /// <summary>The backend's own store object.</summary>
    protected ISessionStore<StoredSession> BackendStore => _store.Value;

    /// <summary>Whether every case runs through the asynchronous members.</summary>
    protected virtual bool ThroughAsync => false;

    /// <summary>A new, empty store.</summary>
    protected abstract ISessionStore<StoredSession> CreateStore();

    /// <summary>Puts content that is not a valid session where session <paramref name="id"/> lives.</summary>
    protected abstract void PlantCorrupt(string id, string json);

    /// <summary>Holds the locks of <paramref name="ids"/> as another process or machine would, until disposed.</summary>
    protected abstract IDisposable HoldLocks(params string[] ids);

    /// <summary>Throws <see cref="SkipException"/> when the backend is not available here.</summary>
    protected virtual void SkipIfUnavailable()
    {
    }

    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    private static StoredSession Make(string id, params string[] messages) => new(id, messages, 12, 34);

    [SkippableFact]
    public void SaveListExistsLoadDelete_RoundTrip()
    {
        SkipIfUnavailable();
        StoredSession session = Make("round-trip", "hello", "wörld 😀", "quote \" backslash \\");
        Store.Save(session);
        Store.Save(Make("another"));
        Assert.Equal(["another", "round-trip"], Store.List());
        Assert.True(Store.Exists("round-trip"));
        Assert.Equal(session, Store.Load("round-trip"));
        Assert.True(Store.Delete("round-trip"));
        Assert.False(Store.Delete("round-trip"));
        Assert.False(Store.Exists("round-trip"));
        Assert.Equal(["another"], Store.List());
    }

    [SkippableFact]
    public async Task Missing_IsTyped_AndAsyncTwinsAgree()
    {
        SkipIfUnavailable();
        var error = Assert.Throws<SessionNotFoundException>(() => Store.Load("ghost"));
        Assert.Equal("ghost", error.SessionId);
        Assert.IsAssignableFrom<KeyNotFoundException>(error);
        Assert.False(Store.TryLoad("ghost", out _));
        Assert.Null(await Store.TryLoadAsync("ghost"));
        await Store.SaveAsync(Make("async"));
        Assert.Equal(Make("async"), await Store.LoadAsync("async"));
        Assert.Equal(["async"], await Store.ListAsync());
        Assert.True(await Store.ExistsAsync("async"));
        SessionRevision<StoredSession> read = await Store.LoadRevisionAsync("async");
        string next = await Store.SaveIfMatchAsync(read.Session with { OutputTokens = 1 }, read.ETag);
        await Assert.ThrowsAsync<SessionConflictException>(() => Store.SaveIfMatchAsync(read.Session, read.ETag).AsTask());
        Assert.Equal(next, (await Store.LoadRevisionAsync("async")).ETag);
        Assert.Equal(2, (await Store.UpdateAsync("async", s => s! with { OutputTokens = 2 })).OutputTokens);
        Assert.True(await Store.DeleteAsync("async"));
        Assert.False(await Store.DeleteAsync("async"));
        Assert.False(await Store.ExistsAsync("async"));
    }

    [SkippableTheory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("CON")]
    [InlineData(".hidden")]
    [InlineData("x\0y")]
    [InlineData("é")]
    public void HostileIds_AreRefused_ByEveryMember(string id)
    {
        SkipIfUnavailable();
        Assert.Throws<InvalidSessionIdException>(() => Store.Save(Make(id)));
        Assert.Throws<InvalidSessionIdException>(() => Store.Load(id));
        Assert.Throws<InvalidSessionIdException>(() => Store.Exists(id));
        Assert.Throws<InvalidSessionIdException>(() => _ = Store.Delete(id));
        Assert.Throws<InvalidSessionIdException>(() => Store.Update(id, s => s!));
        Assert.Throws<InvalidSessionIdException>(() => Store.LoadRevision(id));
        Assert.Empty(Store.List());
    }

    [SkippableTheory]
    [InlineData("{\"session_id\": \"bad\", \"messages\": [1], \"input_tokens\": 0, \"output_tokens\": 0}")]
    [InlineData("{\"session_id\": \"bad\", \"messages\": [], \"input_tokens\": -1, \"output_tokens\": 0}")]
    [InlineData("{\"session_id\": \"other\", \"messages\": [], \"input_tokens\": 0, \"output_tokens\": 0}")]
    [InlineData("{\"session_id\": \"bad\"}")]
    [InlineData("[1, 2]")]
    public void CorruptSessions_AreTyped(string json)
    {
        SkipIfUnavailable();
        PlantCorrupt("bad", json);
        var error = Assert.Throws<SessionCorruptException>(() => Store.Load("bad"));
        Assert.Equal("bad", error.SessionId);
        Assert.Throws<SessionCorruptException>(() => Store.TryLoad("bad", out _));
        Assert.True(Store.Exists("bad"));
    }

    [SkippableFact]
    public async Task ConcurrentDeletes_HaveExactlyOneWinner()
    {
        SkipIfUnavailable();
        const int Ids = 30;
        for (int i = 0; i < Ids; i++)
        {
            Store.Save(Make("race" + i));
        }

        int[] wins = new int[Ids];
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < Ids; i++)
            {
                if (Store.Delete("race" + i))
                {
                    Interlocked.Increment(ref wins[i]);
                }
            }
        })));

        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Empty(Store.List());
    }

    [SkippableFact]
    public async Task UpdatesFromManyWorkers_SumExactly()
    {
        SkipIfUnavailable();
        const int Workers = 6;
        const int Each = 25;
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            for (int i = 0; i < Each; i++)
            {
                await Store.UpdateAsync("counter", s => s is null
                    ? new StoredSession("counter", ["+"], 1, 0)
                    : s with { InputTokens = s.InputTokens + 1, Messages = [.. s.Messages, "+"] });
            }
        })));

        StoredSession final = Store.Load("counter");
        Assert.Equal(Workers * Each, final.InputTokens);
        Assert.Equal(Workers * Each, final.Messages.Count);
    }

    [SkippableFact]
    public void Update_WithAnotherId_IsRefused()
    {
        SkipIfUnavailable();
        Store.Save(Make("a"));
        Assert.Throws<ArgumentException>(() => Store.Update("a", s => s! with { SessionId = "b" }));
        Assert.Equal(Make("a"), Store.Load("a"));
        Assert.False(Store.Exists("b"));
    }

    [SkippableFact]
    public void Revisions_DetectConflicts()
    {
        SkipIfUnavailable();
        Assert.NotNull(Store.SaveIfMatch(Make("r", "one"), null));
        Assert.Throws<SessionConflictException>(() => Store.SaveIfMatch(Make("r", "again"), null));

        SessionRevision<StoredSession> read = Store.LoadRevision("r");
        string next = Store.SaveIfMatch(read.Session with { Messages = ["two"] }, read.ETag);
        Assert.NotEqual(read.ETag, next);
        Assert.Equal(next, Store.LoadRevision("r").ETag);

        var conflict = Assert.Throws<SessionConflictException>(() => Store.SaveIfMatch(read.Session, read.ETag));
        Assert.Equal(read.ETag, conflict.ExpectedETag);
        Assert.Equal(["two"], Store.Load("r").Messages);
    }

    [SkippableFact]
    public void InvalidSessions_AreRefused_BeforeWriting()
    {
        SkipIfUnavailable();
        Assert.Throws<ArgumentException>(() => Store.Save(new StoredSession("s", ["ok", null!], 0, 0)));
        Assert.Throws<ArgumentException>(() => Store.Save(new StoredSession("s", [], -1, 0)));
        Assert.False(Store.Exists("s"));
    }

    [SkippableFact]
    public void AsyncMembers_WaitForALock_WithoutBlockingTheThread()
    {
        SkipIfUnavailable();
        var retention = Assert.IsAssignableFrom<ISessionRetention>(Store);
        Store.Save(Make("held-u"));
        Store.Save(Make("held-m"));
        Store.Save(Make("held-r"));
        Assert.True(retention.MoveToTrash("held-r"));
        string etag = Store.LoadRevision("held-m").ETag;

        SingleThreadedContext.Run(async () =>
        {
            IDisposable held = HoldLocks("held-u", "held-m", "held-r");
            var clock = Stopwatch.StartNew();
            Task<StoredSession> update = Store.UpdateAsync("held-u", s => s! with { OutputTokens = 99 }).AsTask();
            Task<string> saveIfMatch = Store.SaveIfMatchAsync(Make("held-m", "matched"), etag).AsTask();
            Task<string> restore = retention.RestoreAsync("held-r").AsTask();
            TimeSpan started = clock.Elapsed;

            await Task.Delay(300);
            Assert.True(started < TimeSpan.FromSeconds(2), $"starting the calls took {started}: one waited for the lock on the caller's thread");
            Assert.All(new Task[] { update, saveIfMatch, restore }, task => Assert.False(task.IsCompleted, "the lock is held: nothing can have run"));
            held.Dispose();
            await Task.WhenAll(update, saveIfMatch, restore).WaitAsync(TimeSpan.FromSeconds(30));
        });

        Assert.Equal(99, Store.Load("held-u").OutputTokens);
        Assert.Equal(["matched"], Store.Load("held-m").Messages);
        Assert.Equal(Make("held-r"), Store.Load("held-r"));
    }
}

using System.Diagnostics;

namespace SessionStore.Testing;

/// <summary>
/// The SessionStore contract as xUnit tests, written once against <see cref="ISessionStore{TSession}"/> of
/// <see cref="StoredSession"/>: derive from it, return a new empty store from <see cref="CreateStore()"/>, and every
/// case runs against your backend (derive twice, once with <see cref="ThroughAsync"/>, to run them all through
/// the asynchronous members too). Override the optional hooks (<see cref="PlantCorrupt"/>, <see cref="HoldLocks"/>,
/// <see cref="CreateStore(TimeSpan, long)"/>) to run the cases that need them; without them those cases are
/// skipped, as are the cases of <see cref="ISessionRetention"/>, <see cref="ISessionPaging"/> and
/// <see cref="IStoredSessionStore"/> when the store does not implement them.
/// </summary>
public abstract partial class StoreConformanceTests : IDisposable
{
    private readonly Lazy<ISessionStore<StoredSession>> _store;

    /// <summary>Prepares the store, which is made on first use.</summary>
    protected StoreConformanceTests() => _store = new Lazy<ISessionStore<StoredSession>>(CreateStore);

    /// <summary>The store under test; with <see cref="ThroughAsync"/>, its synchronous members call the asynchronous ones.</summary>
    protected ISessionStore<StoredSession> Store => ThroughAsync ? new AsyncRoutedStore(_store.Value) : _store.Value;

    /// <summary>The backend's own store object.</summary>
    protected ISessionStore<StoredSession> BackendStore => _store.Value;

    /// <summary>Whether every case runs through the asynchronous members.</summary>
    protected virtual bool ThroughAsync => false;

    /// <summary>A new, empty store.</summary>
    /// <returns>The store; disposed of by <see cref="Dispose()"/> if you override it to.</returns>
    protected abstract ISessionStore<StoredSession> CreateStore();

    /// <summary>
    /// Optional: puts <paramref name="json"/> (not a valid session, or one under another id) where session
    /// <paramref name="id"/> lives, bypassing the store, as another program or a damaged disk would. Without
    /// it, the cases about corrupt data are skipped.
    /// </summary>
    /// <param name="id">Where to put it; not necessarily an id the rules accept.</param>
    /// <param name="json">What to put there.</param>
    protected virtual void PlantCorrupt(string id, string json) => Skip.If(true, "PlantCorrupt is not overridden: the store cannot hold corrupt data here.");

    /// <summary>Optional: holds the locks of <paramref name="ids"/> as another process or machine would, until disposed. Without it, the lock cases are skipped.</summary>
    /// <param name="ids">The sessions whose locks to hold.</param>
    /// <returns>Releases the locks when disposed.</returns>
    protected virtual IDisposable HoldLocks(params string[] ids)
    {
        Skip.If(true, "HoldLocks is not overridden: no other holder of a session's lock can be simulated.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// Optional: another store over the same sessions as <see cref="Store"/>, waiting at most
    /// <paramref name="lockTimeout"/> for a lock (zero: not at all) and refusing sessions larger than
    /// <paramref name="maxSessionBytes"/> (<see cref="SessionTooLargeException"/>). Without it, the limit cases are skipped.
    /// </summary>
    /// <param name="lockTimeout">How long to wait for a session's lock.</param>
    /// <param name="maxSessionBytes">The largest session, in bytes of its stored form.</param>
    /// <returns>The store.</returns>
    protected virtual ISessionStore<StoredSession> CreateStore(TimeSpan lockTimeout, long maxSessionBytes)
    {
        Skip.If(true, "CreateStore(lockTimeout, maxSessionBytes) is not overridden: the store has no limits to test.");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Throws <see cref="SkipException"/> when the backend is not available here (a server that is not running).</summary>
    protected virtual void SkipIfUnavailable()
    {
    }

    /// <summary>Releases what the test made; override to remove the store's directory, table or connections.</summary>
    public virtual void Dispose()
    {
        GC.SuppressFinalize(this);
    }

    /// <summary>The store as <typeparamref name="TCapability"/> (through the async members with <see cref="ThroughAsync"/>), or a skip when the backend does not implement it.</summary>
    private TCapability Capability<TCapability>()
        where TCapability : class
    {
        Skip.IfNot(BackendStore is TCapability, $"The store does not implement {typeof(TCapability).Name}.");
        return (TCapability)(object)Store;
    }

    /// <summary>Plants a foreign entry when the backend can, for cases where it is incidental; whether it did.</summary>
    private bool PlantIfPossible(string id, string json)
    {
        try
        {
            PlantCorrupt(id, json);
            return true;
        }
        catch (SkipException)
        {
            return false;
        }
    }

    private static StoredSession Make(string id, params string[] messages) => new(id, messages, 12, 34);

    /// <summary>Save, list, exists, load and delete round-trip; a delete says whether this call removed the session.</summary>
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

    /// <summary>
    /// Every write is read back as written, by every reader: the latest version after an overwrite, an update, a
    /// conditional save and a delete and re-create; and ids are listed in ordinal order whatever order they were saved in.
    /// </summary>
    [SkippableFact]
    public void EveryWrite_IsReadBack_AndTheListIsOrdinal()
    {
        SkipIfUnavailable();
        string[] ids = ["zeta", "Alpha", "beta", "_x", "0", "alpha"];
        foreach (string id in ids)
        {
            Store.Save(Make(id, "first " + id));
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), Store.List());
        AssertEveryReaderSees(Make("beta", "second"), expected => Store.Save(expected));
        AssertEveryReaderSees(Make("beta", "second", "third"), _ => Store.Update("beta", current => current! with { Messages = [.. current.Messages, "third"] }));
        AssertEveryReaderSees(Make("beta", "fourth"), expected => Store.SaveIfMatch(expected, Store.LoadRevision("beta").ETag));
        Assert.True(Store.Delete("beta"));
        Assert.False(Store.TryLoad("beta", out _));
        AssertEveryReaderSees(Make("beta", "reborn"), expected => Store.Save(expected));
        Assert.Equal(Make("zeta", "first zeta"), Store.Load("zeta"));
        Assert.Equal(ids.Order(StringComparer.Ordinal), Store.List());
    }

    private void AssertEveryReaderSees(StoredSession expected, Action<StoredSession> write)
    {
        write(expected);
        Assert.Equal(expected, Store.Load(expected.SessionId));
        Assert.True(Store.TryLoad(expected.SessionId, out StoredSession? tried));
        Assert.Equal(expected, tried);
        Assert.Equal(expected, Store.LoadRevision(expected.SessionId).Session);
        Assert.True(Store.Exists(expected.SessionId));
    }

    /// <summary>A missing session is SessionNotFoundException; the asynchronous members agree with the synchronous ones.</summary>
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

    /// <summary>Every member refuses a hostile id with InvalidSessionIdException before any I/O.</summary>
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

    /// <summary>What is not a valid session (or is another session) is SessionCorruptException, and still exists.</summary>
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

    /// <summary>Concurrent deletes of one session: exactly one returns true.</summary>
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

    /// <summary>Updates from concurrent workers are never lost.</summary>
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

    /// <summary>An update that changes the id is refused and changes nothing.</summary>
    [SkippableFact]
    public void Update_WithAnotherId_IsRefused()
    {
        SkipIfUnavailable();
        Store.Save(Make("a"));
        Assert.Throws<ArgumentException>(() => Store.Update("a", s => s! with { SessionId = "b" }));
        Assert.Equal(Make("a"), Store.Load("a"));
        Assert.False(Store.Exists("b"));
    }

    /// <summary>Conditional saves conflict on a stale or unexpected revision and succeed on the current one.</summary>
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

    /// <summary>Invalid sessions are refused with ArgumentException before anything is written.</summary>
    [SkippableFact]
    public void InvalidSessions_AreRefused_BeforeWriting()
    {
        SkipIfUnavailable();
        Assert.Throws<ArgumentException>(() => Store.Save(new StoredSession("s", ["ok", null!], 0, 0)));
        Assert.Throws<ArgumentException>(() => Store.Save(new StoredSession("s", [], -1, 0)));
        Assert.False(Store.Exists("s"));
    }

    /// <summary>
    /// Asynchronous members wait for a held lock without blocking the caller's thread, and finish once it is released:
    /// for every backend that can hold a session's lock (<see cref="HoldLocks"/>), and its retention members too where it has them.
    /// </summary>
    [SkippableFact]
    public void AsyncMembers_WaitForALock_WithoutBlockingTheThread()
    {
        SkipIfUnavailable();
        ISessionRetention? retention = BackendStore is ISessionRetention ? (ISessionRetention)(object)Store : null;
        Store.Save(Make("held-u"));
        Store.Save(Make("held-m"));
        Store.Save(Make("held-r"));
        Assert.True(retention?.MoveToTrash("held-r") ?? true);
        string etag = Store.LoadRevision("held-m").ETag;

        SingleThreadedContext.Run(async () =>
        {
            IDisposable held = HoldLocks("held-u", "held-m", "held-r");
            var clock = Stopwatch.StartNew();
            var calls = new List<Task>
            {
                Store.UpdateAsync("held-u", s => s! with { OutputTokens = 99 }).AsTask(),
                Store.SaveIfMatchAsync(Make("held-m", "matched"), etag).AsTask(),
            };
            if (retention is not null)
            {
                calls.Add(retention.RestoreAsync("held-r").AsTask());
            }

            TimeSpan started = clock.Elapsed;

            await Task.Delay(300); // nothing can finish while the lock is held: an absence has no signal to wait on
            Assert.True(started < TimeSpan.FromSeconds(2), $"starting the calls took {started}: one waited for the lock on the caller's thread");
            Assert.All(calls, task => Assert.False(task.IsCompleted, "the lock is held: nothing can have run"));
            held.Dispose();
            await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30));
        });

        Assert.Equal(99, Store.Load("held-u").OutputTokens);
        Assert.Equal(["matched"], Store.Load("held-m").Messages);
        Assert.Equal(Make("held-r"), Store.Load("held-r"));
    }
}

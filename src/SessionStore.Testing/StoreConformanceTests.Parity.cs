namespace SessionStore.Testing;

/// <summary>Where the backends used to differ (issue 14): revisions, delete against update, lock timeouts, accepted content, listing, limits.</summary>
public abstract partial class StoreConformanceTests
{
    private ISessionStore<StoredSession> StoreWith(TimeSpan? lockTimeout = null, long maxSessionBytes = FileSessionStoreOptions.DefaultMaxSessionBytes)
    {
        _ = BackendStore;
        ISessionStore<StoredSession> store = CreateStore(lockTimeout ?? TimeSpan.FromSeconds(10), maxSessionBytes);
        return ThroughAsync ? new AsyncRoutedStore(store) : store;
    }

    /// <summary>
    /// Runs <paramref name="call"/> on another thread while the caller holds a session, and returns once it is
    /// surely running and has had time to finish if nothing holds it back: a call that should wait for the
    /// session is then still waiting (the time bounds only how long a broken store has to show itself).
    /// </summary>
    private static Task<bool> StartedWhileHeld(Func<bool> call)
    {
        using var started = new ManualResetEventSlim();
        Task<bool> task = Task.Factory.StartNew(() =>
        {
            started.Set();
            return call();
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        started.Wait();
        _ = task.Wait(TimeSpan.FromMilliseconds(300));
        return task;
    }

    /// <summary>An ETag read before a delete and a re-create conflicts: revisions are never reused.</summary>
    [SkippableFact]
    public void StaleETag_AfterDeleteAndRecreate_Conflicts()
    {
        SkipIfUnavailable();
        string stale = Store.SaveIfMatch(Make("reborn", "first"), null);
        Assert.True(Store.Delete("reborn"));
        Store.Save(Make("reborn", "someone else's"));

        var conflict = Assert.Throws<SessionConflictException>(() => Store.SaveIfMatch(Make("reborn", "mine"), stale));
        Assert.Equal(stale, conflict.ExpectedETag);
        Assert.Equal(["someone else's"], Store.Load("reborn").Messages);
    }

    /// <summary>A delete during an update waits for it and then removes its result; the update never brings the session back.</summary>
    [SkippableFact]
    public async Task Delete_DuringAnUpdate_IsNotUndoneByIt()
    {
        SkipIfUnavailable();
        Store.Save(Make("contested", "before"));
        Task<bool>? delete = null;
        Store.Update("contested", s =>
        {
            // The delete starts while the update holds the session; an unserialised delete finishes here, and the update then writes the session back.
            delete ??= StartedWhileHeld(() => Store.Delete("contested"));
            return s! with { Messages = ["updated"] };
        });

        Assert.True(await delete!);
        Assert.False(Store.Exists("contested"));
        Assert.Empty(Store.List());
    }

    /// <summary>A move to the trash during an update waits for it and trashes its result; the session is never both live and trashed.</summary>
    [SkippableFact]
    public async Task MoveToTrash_DuringAnUpdate_TrashesItsResult()
    {
        SkipIfUnavailable();
        ISessionRetention retention = Capability<ISessionRetention>();
        Store.Save(Make("binned", "before"));
        Task<bool>? move = null;
        Store.Update("binned", s =>
        {
            move ??= StartedWhileHeld(() => retention.MoveToTrash("binned"));
            return s! with { Messages = ["updated"] };
        });

        Assert.True(await move!);
        Assert.False(Store.Exists("binned"));
        Assert.Single(retention.ListTrash());
        _ = retention.Restore("binned");
        Assert.Equal(["updated"], Store.Load("binned").Messages);
    }

    /// <summary>With a zero lock timeout, a writer fails at once with SessionLockTimeoutException when the lock is taken.</summary>
    [SkippableFact]
    public void ZeroLockTimeout_FailsAtOnce_WhenTheLockIsTaken()
    {
        SkipIfUnavailable();
        Store.Save(Make("busy"));
        ISessionStore<StoredSession> impatient = StoreWith(lockTimeout: TimeSpan.Zero);
        Assert.Equal(2, impatient.Update("busy", s => s! with { OutputTokens = 2 }).OutputTokens);
        using (HoldLocks("busy"))
        {
            var error = Assert.Throws<SessionLockTimeoutException>(() => impatient.Update("busy", s => s! with { OutputTokens = 3 }));
            Assert.Equal("busy", error.SessionId);
            Assert.Throws<SessionLockTimeoutException>(() => impatient.SaveIfMatch(Make("busy", "x"), null));
            Assert.Throws<SessionLockTimeoutException>(() => impatient.Delete("busy"));
        }

        Assert.Equal(2, Store.Load("busy").OutputTokens);
    }

    /// <summary>Messages holding U+0000 and other control characters round-trip.</summary>
    [SkippableFact]
    public void NulCharacters_RoundTrip_OnEveryBackend()
    {
        SkipIfUnavailable();
        StoredSession session = Make("nul-chars", "a\0b", "\0", "tail\u0001\u001f");
        Store.Save(session);
        Assert.Equal(session, Store.Load("nul-chars"));
        SessionRevision<StoredSession> read = Store.LoadRevision("nul-chars");
        Assert.NotEqual(read.ETag, Store.SaveIfMatch(read.Session with { Messages = [.. read.Session.Messages, "\0\0"] }, read.ETag));
        Assert.Equal("\0\0", Store.Update("nul-chars", s => s!).Messages[^1]);
    }

    /// <summary>List returns only ids the id rules accept, whatever else is stored.</summary>
    [SkippableTheory]
    [InlineData("white space")]
    [InlineData("é")]
    [InlineData("CON")]
    [InlineData(".dot")]
    public void List_SkipsIds_TheRulesRefuse(string foreignId)
    {
        SkipIfUnavailable();
        Store.Save(Make("fine"));
        PlantCorrupt(foreignId, "{\"session_id\": \"fine\", \"messages\": [], \"input_tokens\": 0, \"output_tokens\": 0}");
        Assert.Equal(["fine"], Store.List());
    }

    /// <summary>A save, update or conditional save over the size limit throws SessionTooLargeException and writes nothing.</summary>
    [SkippableFact]
    public void SessionsOverTheLimit_AreRefused_BeforeWriting()
    {
        SkipIfUnavailable();
        ISessionStore<StoredSession> small = StoreWith(maxSessionBytes: 1000);
        small.Save(Make("small", "fits"));
        string big = new('x', 2000);

        var error = Assert.Throws<SessionTooLargeException>(() => small.Save(Make("big", big)));
        Assert.Equal(("big", 1000L), (error.SessionId, error.MaxSessionBytes));
        Assert.True(error.SizeBytes > 2000);
        Assert.False(Store.Exists("big"));
        Assert.Throws<SessionTooLargeException>(() => small.Update("small", s => s! with { Messages = [big] }));
        Assert.Throws<SessionTooLargeException>(() => small.SaveIfMatch(Make("small", big), small.LoadRevision("small").ETag));
        Assert.Equal(["fits"], Store.Load("small").Messages);
    }
}

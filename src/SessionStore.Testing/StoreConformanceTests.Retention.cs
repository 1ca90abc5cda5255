namespace SessionStore.Testing;

/// <summary>Trash, restore, pins and prune: the same assertions on every backend.</summary>
public abstract partial class StoreConformanceTests
{
    private static readonly DateTimeOffset Everything = DateTimeOffset.UtcNow.AddDays(1);
    private static readonly DateTimeOffset Nothing = DateTimeOffset.UtcNow.AddHours(-1);

    private ISessionRetention Retention => Capability<ISessionRetention>();

    /// <summary>Prune moves old unpinned sessions to the trash; a dry run moves nothing.</summary>
    [SkippableFact]
    public void Prune_MovesOldUnpinnedSessionsToTheTrash_AndADryRunMovesNothing()
    {
        SkipIfUnavailable();
        Store.Save(Make("a"));
        Store.Save(Make("b"));
        Store.Save(Make("c"));
        Assert.True(Retention.Pin("b"));

        PruneResult none = Retention.Prune(Nothing);
        Assert.Equal((0, 0), (none.Trashed.Count, none.KeptPinned.Count));

        PruneResult dry = Retention.Prune(Everything, dryRun: true);
        Assert.Equal(["a", "c"], dry.Trashed);
        Assert.Equal(["b"], dry.KeptPinned);
        Assert.True(dry.DryRun);
        Assert.Equal(["a", "b", "c"], Store.List());
        Assert.Empty(Retention.ListTrash());

        PruneResult real = Retention.Prune(Everything);
        Assert.Equal(["a", "c"], real.Trashed);
        Assert.Equal(["b"], real.KeptPinned);
        Assert.Equal(["b"], Store.List());
        Assert.False(Store.Exists("a"));
        Assert.Throws<SessionNotFoundException>(() => Store.Load("a"));
        Assert.Equal(["a", "c"], Retention.ListTrash().Select(t => t.SessionId));
        Assert.All(Retention.ListTrash(), t => Assert.True(t.SizeBytes > 0 && t.TrashedAt >= t.LastModified.AddSeconds(-1)));
    }

    /// <summary>Restore gives the session back as it was and never overwrites one that exists again.</summary>
    [SkippableFact]
    public void Restore_GivesTheSessionBackAsItWas_AndNeverOverwrites()
    {
        SkipIfUnavailable();
        Store.Save(Make("r", "first life"));
        Assert.True(Retention.MoveToTrash("r"));
        Assert.False(Retention.MoveToTrash("r"));
        Assert.False(Retention.MoveToTrash("never-was"));

        Store.Save(Make("r", "second life"));
        var conflict = Assert.Throws<SessionConflictException>(() => Retention.Restore("r"));
        Assert.Equal(("r", null), (conflict.SessionId, conflict.ExpectedETag));
        Assert.Equal(["second life"], Store.Load("r").Messages);
        Assert.Single(Retention.ListTrash());

        Assert.True(Store.Delete("r"));
        Assert.NotNull(Retention.Restore("r"));
        Assert.Equal(Make("r", "first life"), Store.Load("r"));
        Assert.Empty(Retention.ListTrash());
        Assert.Throws<SessionNotFoundException>(() => Retention.Restore("r"));
        Assert.Throws<SessionNotFoundException>(() => Retention.Restore("ghost"));
    }

    /// <summary>The trash keeps every trashed version and restores the newest first.</summary>
    [SkippableFact]
    public void Trash_KeepsEveryVersion_AndRestoresTheNewestFirst()
    {
        SkipIfUnavailable();
        Store.Save(Make("v", "one"));
        Assert.True(Retention.MoveToTrash("v"));
        Store.Save(Make("v", "two"));
        Assert.True(Retention.MoveToTrash("v"));

        IReadOnlyList<TrashedSession> trash = Retention.ListTrash();
        Assert.Equal(["v", "v"], trash.Select(t => t.SessionId));
        Assert.True(trash[0].TrashedAt >= trash[1].TrashedAt);
        Retention.Restore("v");
        Assert.Equal(["two"], Store.Load("v").Messages);
        Assert.True(Store.Delete("v"));
        Retention.Restore("v");
        Assert.Equal(["one"], Store.Load("v").Messages);
    }

    /// <summary>EmptyTrash removes only what the cut-off selects, and a dry run removes nothing.</summary>
    [SkippableFact]
    public void EmptyTrash_OnlyWhatIsAsked()
    {
        SkipIfUnavailable();
        Store.Save(Make("x"));
        Store.Save(Make("y"));
        Store.Save(Make("live"));
        Assert.True(Retention.MoveToTrash("x"));
        Assert.True(Retention.MoveToTrash("y"));

        Assert.Empty(Retention.EmptyTrash(Nothing));
        Assert.Equal(["x", "y"], Retention.EmptyTrash(dryRun: true).Select(t => t.SessionId));
        Assert.Equal(2, Retention.ListTrash().Count);
        Assert.Equal(["x", "y"], Retention.EmptyTrash(Everything).Select(t => t.SessionId));
        Assert.Empty(Retention.ListTrash());
        Assert.Empty(Retention.EmptyTrash());
        Assert.Throws<SessionNotFoundException>(() => Retention.Restore("x"));
        Assert.Equal(["live"], Store.List());
    }

    /// <summary>Pins belong to an id and need a stored session.</summary>
    [SkippableFact]
    public void Pins_BelongToTheId_AndNeedASession()
    {
        SkipIfUnavailable();
        Assert.Throws<SessionNotFoundException>(() => Retention.Pin("absent"));
        Store.Save(Make("p"));
        Assert.True(Retention.Pin("p"));
        Assert.False(Retention.Pin("p"));
        Assert.Equal(["p"], Retention.ListPinned());

        Assert.True(Retention.MoveToTrash("p"));
        Retention.Restore("p");
        Assert.Equal(["p"], Retention.ListPinned());
        Assert.Equal(["p"], Retention.Prune(Everything).KeptPinned);
        Assert.True(Store.Exists("p"));

        Assert.True(Retention.Unpin("p"));
        Assert.False(Retention.Unpin("p"));
        Assert.Empty(Retention.ListPinned());
        Assert.Equal(["p"], Retention.Prune(Everything).Trashed);
    }

    /// <summary>Every retention member refuses a hostile id before any I/O.</summary>
    [SkippableTheory]
    [InlineData("../x")]
    [InlineData("")]
    [InlineData("a/b")]
    public void HostileIds_AreRefused_ByEveryRetentionMember(string id)
    {
        SkipIfUnavailable();
        Assert.Throws<InvalidSessionIdException>(() => Retention.MoveToTrash(id));
        Assert.Throws<InvalidSessionIdException>(() => Retention.Restore(id));
        Assert.Throws<InvalidSessionIdException>(() => Retention.Pin(id));
        Assert.Throws<InvalidSessionIdException>(() => Retention.Unpin(id));
    }

    /// <summary>The asynchronous retention members agree with the synchronous ones.</summary>
    [SkippableFact]
    public async Task RetentionAsyncTwins_Agree()
    {
        SkipIfUnavailable();
        await Store.SaveAsync(Make("a1"));
        await Store.SaveAsync(Make("a2"));
        Assert.True(await Retention.PinAsync("a2"));
        Assert.Equal(["a2"], await Retention.ListPinnedAsync());

        PruneResult dry = await Retention.PruneAsync(Everything, dryRun: true);
        Assert.Equal(["a1"], dry.Trashed);
        Assert.Equal(["a2"], dry.KeptPinned);
        Assert.Equal(["a1"], (await Retention.PruneAsync(Everything)).Trashed);
        Assert.Equal(["a1"], (await Retention.ListTrashAsync()).Select(t => t.SessionId));

        await Store.SaveAsync(Make("a1", "again"));
        await Assert.ThrowsAsync<SessionConflictException>(() => Retention.RestoreAsync("a1").AsTask());
        Assert.True(await Store.DeleteAsync("a1"));
        await Retention.RestoreAsync("a1");
        Assert.Equal(Make("a1"), await Store.LoadAsync("a1"));

        Assert.True(await Retention.MoveToTrashAsync("a1"));
        Assert.False(await Retention.MoveToTrashAsync("a1"));
        Assert.Single(await Retention.EmptyTrashAsync(dryRun: true));
        Assert.Single(await Retention.EmptyTrashAsync(Everything));
        Assert.Empty(await Retention.ListTrashAsync());
        Assert.True(await Retention.UnpinAsync("a2"));
        Assert.False(await Retention.UnpinAsync("a2"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => Retention.PinAsync("nobody").AsTask());
    }
}

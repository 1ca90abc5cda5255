using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>What the tool needs from the library: summaries, fork, prune and check.</summary>
public sealed class MaintenanceTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public MaintenanceTests() => _store = Sessions.FastStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Summarize_AgreesWithLoad()
    {
        StoredSession session = Sessions.WithMessages("s", 250);
        string path = _store.Save(session);
        SessionSummary summary = _store.Summarize("s");
        Assert.Equal(("s", 250, session.InputTokens, session.OutputTokens, new FileInfo(path).Length), (summary.SessionId, summary.MessageCount, summary.InputTokens, summary.OutputTokens, summary.SizeBytes));
        Assert.Equal(File.GetLastWriteTimeUtc(path), summary.LastModified.UtcDateTime);
        Assert.Throws<SessionNotFoundException>(() => _store.Summarize("absent"));
    }

    [Fact]
    public void Fork_CopiesUnderANewId_AndRefusesToOverwrite()
    {
        _store.Save(Sessions.Make("a", "x", "y"));
        _store.Save(Sessions.Make("b"));
        _store.Fork("a", "c");
        Assert.Equal(Sessions.Make("c", "x", "y"), _store.Load("c"));
        Assert.Throws<SessionConflictException>(() => _store.Fork("a", "b"));
        Assert.Equal(Sessions.Make("b"), _store.Load("b"));
        Assert.Throws<SessionNotFoundException>(() => _store.Fork("none", "d"));
        Assert.Throws<InvalidSessionIdException>(() => _store.Fork("a", string.Concat("../", "d")));
    }

    [Fact]
    public void PruneOlderThan_DeletesOnlyOldSessions()
    {
        _store.Save(Sessions.Make("old"));
        _store.Save(Sessions.Make("new"));
        File.SetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "old.json"), DateTime.UtcNow.AddDays(-31));

        Assert.Equal(["old"], _store.PruneOlderThan(DateTimeOffset.UtcNow.AddDays(-30), dryRun: true));
        Assert.True(_store.Exists("old"));
        Assert.Equal(["old"], _store.PruneOlderThan(DateTimeOffset.UtcNow.AddDays(-30)));
        Assert.Equal(["new"], _store.List());
        Assert.Empty(_store.PruneOlderThan(DateTimeOffset.UtcNow.AddDays(-30)));
    }

    [Fact]
    public void Check_OfAHealthyStore_FindsNothing_AndChangesNothing()
    {
        _store.Save(Sessions.Make("a"));
        _store.Update("b", _ => Sessions.Make("b"));
        StoreCheckResult result = _store.Check();
        Assert.Equal(2, result.SessionsChecked);
        Assert.Empty(result.Problems);
    }
}

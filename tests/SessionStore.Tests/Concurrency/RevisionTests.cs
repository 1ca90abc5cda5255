using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Concurrency;

/// <summary>Optimistic concurrency: a save that expects a revision fails when the file changed meanwhile.</summary>
public sealed class RevisionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public RevisionTests() => _store = Sessions.FastStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void SaveIfMatch_WithTheRevisionRead_Succeeds_AndReturnsTheNewRevision()
    {
        _store.Save(Sessions.Make("s", "one"));
        SessionRevision<StoredSession> read = _store.LoadRevision("s");
        Assert.Equal(Sessions.Make("s", "one"), read.Session);

        string next = _store.SaveIfMatch(read.Session with { Messages = ["one", "two"] }, read.ETag);

        Assert.NotEqual(read.ETag, next);
        Assert.Equal(next, _store.LoadRevision("s").ETag);
        Assert.Equal(["one", "two"], _store.Load("s").Messages);
    }

    [Fact]
    public void SaveIfMatch_AfterSomeoneElseSaved_IsAConflict_AndWritesNothing()
    {
        _store.Save(Sessions.Make("s", "one"));
        SessionRevision<StoredSession> mine = _store.LoadRevision("s");
        _store.Save(Sessions.Make("s", "theirs"));
        byte[] before = File.ReadAllBytes(Path.Combine(_store.DirectoryPath, "s.json"));

        var error = Assert.Throws<SessionConflictException>(() => _store.SaveIfMatch(Sessions.Make("s", "mine"), mine.ETag));

        Assert.Equal((mine.ETag, _store.LoadRevision("s").ETag), (error.ExpectedETag, error.ActualETag));
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(_store.DirectoryPath, "s.json")));
    }

    [Fact]
    public void SaveIfMatch_OfADeletedSession_IsAConflict()
    {
        _store.Save(Sessions.Make("s"));
        string etag = _store.LoadRevision("s").ETag;
        Assert.True(_store.Delete("s"));
        var error = Assert.Throws<SessionConflictException>(() => _store.SaveIfMatch(Sessions.Make("s"), etag));
        Assert.Null(error.ActualETag);
        Assert.False(_store.Exists("s"));
    }

    [Fact]
    public async Task SaveIfMatch_WithNull_CreatesOnlyWhenAbsent()
    {
        string created = await _store.SaveIfMatchAsync(Sessions.Make("s"), null);
        Assert.Equal(created, (await _store.LoadRevisionAsync("s")).ETag);
        var error = Assert.Throws<SessionConflictException>(() => _store.SaveIfMatch(Sessions.Make("s", "again"), null));
        Assert.Null(error.ExpectedETag);
        Assert.Equal(Sessions.Make("s"), _store.Load("s"));
    }

    [Fact]
    public void TheRevision_FollowsTheContent()
    {
        _store.Save(Sessions.Make("s", "same"));
        string first = _store.LoadRevision("s").ETag;
        _store.Save(Sessions.Make("s", "same"));
        Assert.Equal(first, _store.LoadRevision("s").ETag);
        _store.Save(Sessions.Make("s", "different"));
        Assert.NotEqual(first, _store.LoadRevision("s").ETag);
        Assert.Throws<SessionNotFoundException>(() => _store.LoadRevision("absent"));
    }

    [Fact]
    public async Task ManyWritersWithRetries_NeverLoseAnIncrement()
    {
        _store.Save(new StoredSession("c", [], 0, 0));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                while (true)
                {
                    SessionRevision<StoredSession> read = _store.LoadRevision("c");
                    try
                    {
                        _store.SaveIfMatch(read.Session with { InputTokens = read.Session.InputTokens + 1 }, read.ETag);
                        break;
                    }
                    catch (SessionConflictException)
                    {
                    }
                }
            }
        })));

        Assert.Equal(300, _store.Load("c").InputTokens);
    }
}

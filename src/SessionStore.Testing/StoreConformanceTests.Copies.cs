namespace SessionStore.Testing;

/// <summary>Fork and Summarize (<see cref="IStoredSessionStore"/>): the same assertions on every backend.</summary>
public abstract partial class StoreConformanceTests
{
    /// <summary>Not a constant, which the SS0003 analyzer would refuse.</summary>
    private static readonly string HostileId = Path.Join("..", "x");

    private IStoredSessionStore Stored => Capability<IStoredSessionStore>();

    /// <summary>A fork copies a session under a new id and never replaces an existing session; missing sources and hostile ids are typed.</summary>
    [SkippableFact]
    public void Fork_CopiesUnderANewId_AndNeverOverwrites()
    {
        SkipIfUnavailable();
        StoredSession source = Make("source", "one", "two");
        Store.Save(source);

        Assert.Contains("copy", Stored.Fork("source", "copy"), StringComparison.Ordinal);
        Assert.Equal(source with { SessionId = "copy" }, Store.Load("copy"));
        Assert.Equal(source, Store.Load("source"));
        Assert.Equal(["copy", "source"], Store.List());

        Store.Save(Make("taken", "mine"));
        var conflict = Assert.Throws<SessionConflictException>(() => Stored.Fork("source", "taken"));
        Assert.Equal("taken", conflict.SessionId);
        Assert.Equal(["mine"], Store.Load("taken").Messages);
        Assert.Equal("ghost", Assert.Throws<SessionNotFoundException>(() => Stored.Fork("ghost", "copy2")).SessionId);
        Assert.False(Store.Exists("copy2"));
        Assert.Throws<InvalidSessionIdException>(() => Stored.Fork("source", HostileId));
        Assert.Throws<InvalidSessionIdException>(() => Stored.Fork(HostileId, "copy3"));
    }

    /// <summary>Concurrent forks to one new id: exactly one succeeds, the others conflict.</summary>
    [SkippableFact]
    public async Task Forks_ToOneNewId_HaveExactlyOneWinner()
    {
        SkipIfUnavailable();
        Store.Save(Make("origin", "x"));
        int wins = 0;
        int conflicts = 0;
        await Task.WhenAll(Enumerable.Range(0, 6).Select(worker => Task.Run(() =>
        {
            try
            {
                _ = Stored.Fork("origin", "the-copy");
                Interlocked.Increment(ref wins);
            }
            catch (SessionConflictException)
            {
                Interlocked.Increment(ref conflicts);
            }
        })));

        Assert.Equal((1, 5), (wins, conflicts));
    }

    /// <summary>A summary counts messages and tokens, reports size and write time, and types missing, hostile and corrupt sessions.</summary>
    [SkippableFact]
    public async Task Summarize_CountsMessagesAndTokens()
    {
        SkipIfUnavailable();
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-5);
        Store.Save(new StoredSession("sum", ["a", "b", "c"], 11, 22));

        SessionSummary summary = Stored.Summarize("sum");
        Assert.Equal(("sum", 3, 11L, 22L), (summary.SessionId, summary.MessageCount, summary.InputTokens, summary.OutputTokens));
        Assert.True(summary.SizeBytes > 20);
        Assert.True(summary.LastModified > before && summary.LastModified < DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(summary, await Stored.SummarizeAsync("sum"));
        Assert.Equal("ghost", Assert.Throws<SessionNotFoundException>(() => Stored.Summarize("ghost")).SessionId);
        Assert.Throws<InvalidSessionIdException>(() => Stored.Summarize(HostileId));

        if (PlantIfPossible("bad", "{\"session_id\": \"bad\", \"messages\": [1], \"input_tokens\": 0, \"output_tokens\": 0}"))
        {
            Assert.Equal("bad", Assert.Throws<SessionCorruptException>(() => Stored.Summarize("bad")).SessionId);
        }
    }
}

using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary><see cref="FileSessionStore{TSession}.Import"/>: the whole batch is checked before the first write, and the same import can be run again.</summary>
public sealed class ImportTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ImportTests() => _store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 4096 });

    public void Dispose() => _temp.Dispose();

    private static StoredSession[] Batch(params StoredSession[] last) => [Sessions.Make("a", "1"), Sessions.Make("b", "2"), .. last];

    public static TheoryData<string, StoredSession> BadLast => new()
    {
        { "invalid", new StoredSession("c", ["x"], -1, 0) },
        { "too large", Sessions.WithMessages("c", 400) },
        { "twice", Sessions.Make("a", "again") },
    };

    [Theory]
    [MemberData(nameof(BadLast))]
    public void ABadSessionAnywhere_WritesNothing(string why, StoredSession last)
    {
        Exception error = Assert.ThrowsAny<ArgumentException>(() => _store.Import(Batch(last)));
        Assert.True(error is SessionTooLargeException == (why == "too large"), why);
        Assert.Empty(_store.List());
        Assert.False(Directory.Exists(_store.DirectoryPath) && Directory.EnumerateFileSystemEntries(_store.DirectoryPath).Any(), "nothing, not even a lock, is created");
    }

    [Fact]
    public void ADifferentSessionInTheWay_IsAConflict_AndNothingIsWritten()
    {
        _store.Save(Sessions.Make("b", "mine"));

        var conflict = Assert.Throws<SessionConflictException>(() => _store.Import(Batch()));
        Assert.Equal("b", conflict.SessionId);
        Assert.Equal(["b"], _store.List());
        Assert.Equal(Sessions.Make("b", "mine"), _store.Load("b"));
    }

    [Fact]
    public void Overwrite_ReplacesDifferentSessions_AndLeavesIdenticalOnesUntouched()
    {
        _store.Save(Sessions.Make("a", "1"));
        _store.Save(Sessions.Make("b", "old"));
        DateTime untouched = File.GetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "a.json"));
        Thread.Sleep(20);

        ImportResult result = _store.Import(Batch(Sessions.Make("c", "3")), overwrite: true);

        Assert.Equal(["c"], result.Added);
        Assert.Equal(["b"], result.Replaced);
        Assert.Equal(["a"], result.Unchanged);
        Assert.Equal(Sessions.Make("b", "2"), _store.Load("b"));
        Assert.Equal(untouched, File.GetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "a.json")));
    }

    [Fact]
    public async Task RunningTheSameImportAgain_FinishesAPrefix_WithoutOverwrite()
    {
        StoredSession[] batch = Batch(Sessions.Make("c", "3"), Sessions.Make("d", "4"));
        _ = _store.Import(batch[..2]); // what a crash after two sessions leaves

        ImportResult again = await _store.ImportAsync(batch);

        Assert.Equal(["c", "d"], again.Added);
        Assert.Empty(again.Replaced);
        Assert.Equal(["a", "b"], again.Unchanged);
        Assert.Equal(batch, _store.List().Select(_store.Load));
    }

    [Fact]
    public void ACorruptFileInTheWay_IsAConflict_UnlessOverwriteReplacesIt()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "b.json"), "{ torn");

        Assert.Equal("b", Assert.Throws<SessionConflictException>(() => _store.Import(Batch())).SessionId);
        Assert.False(_store.Exists("a"));

        Assert.Equal(["b"], _store.Import(Batch(), overwrite: true).Replaced);
        Assert.Equal(Sessions.Make("b", "2"), _store.Load("b"));
    }
}

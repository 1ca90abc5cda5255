using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>List shows sessions only: never temp files, other files, invalid names or directories; it sweeps stale leftovers.</summary>
public sealed class ListingTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ListingTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(Sessions.Make("real"));
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData(".real.0123456789abcdef.tmp")]
    [InlineData(".other.0123456789abcdef.tmp")]
    [InlineData(".real.0123456789abcdef.tombstone")]
    [InlineData("real.json.tmp")]
    [InlineData("real.tmp")]
    [InlineData(".hidden.json")]
    [InlineData("bad name.json")]
    [InlineData("CON.json")]
    [InlineData("aux.json.json")]
    [InlineData("x.JSON")]
    [InlineData(".json")]
    [InlineData("trailing..json")]
    public void List_NeverShowsFilesThatAreNotValidSessions(string fileName)
    {
        File.WriteAllText(Path.Combine(_store.DirectoryPath, fileName), "{}");
        Assert.Equal(["real"], _store.List());
    }

    [Fact]
    public void List_NeverShowsDirectories_AndExistsIgnoresThem()
    {
        Directory.CreateDirectory(Path.Combine(_store.DirectoryPath, "folder.json"));
        Directory.CreateDirectory(Path.Combine(_store.DirectoryPath, "sub"));
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "sub", "nested.json"), "{}");

        Assert.Equal(["real"], _store.List());
        Assert.False(_store.Exists("folder"));
        Assert.False(_store.Exists("nested"));
    }

    [Fact]
    public void List_IsOrdinalSorted()
    {
        foreach (string id in new[] { "b", "B", "a", "_", "-", "0", "a.b", "aa" })
        {
            _store.Save(Sessions.Make(id));
        }

        string[] expected = ["-", "0", "B", "_", "a", "a.b", "aa", "b", "real"];
        Assert.Equal(expected, _store.List());
    }

    [Fact]
    public void List_RemovesNothing_AndRepairRemovesOnlyStaleTempFilesWithTheStoresOwnNames()
    {
        string stale = Path.Combine(_store.DirectoryPath, ".real.00000000deadbeef.tmp");
        string fresh = Path.Combine(_store.DirectoryPath, ".real.00000000cafebabe.tmp");
        string notOurs = Path.Combine(_store.DirectoryPath, ".notes.tmp");
        foreach (string path in new[] { stale, fresh, notOurs })
        {
            File.WriteAllText(path, "partial");
        }

        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(notOurs, DateTime.UtcNow.AddHours(-2));

        Assert.Equal(["real"], _store.List());
        Assert.True(File.Exists(stale) && File.Exists(fresh) && File.Exists(notOurs), "a read changes nothing");

        StoreCheckResult result = _store.Check(repair: true);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh), "a temp file younger than LeftoverFileAge may belong to a save in flight");
        Assert.True(File.Exists(notOurs), "a name the store never makes is never removed");
        Assert.Contains(result.Problems, p => p.Kind == StoreProblemKind.LeftoverFile && p.Path == stale && p.Repaired);
        Assert.Contains(result.Problems, p => p.Kind == StoreProblemKind.ForeignEntry && p.Path == notOurs && !p.Repaired);
    }

    [Fact]
    public async Task Repair_KeepsAnOldTempFile_WhileAWriterOfItsSessionHoldsTheLock()
    {
        string inFlight = Path.Combine(_store.DirectoryPath, ".real.00000000feedf00d.tmp");
        File.WriteAllText(inFlight, "partial");
        File.SetLastWriteTimeUtc(inFlight, DateTime.UtcNow.AddHours(-2));
        using (SessionStore.Storage.StripeLock? held = await SessionStore.Storage.StripeLock.TryAcquireCore(
            _store.Platform, _store.DirectoryPath, "real", TimeSpan.FromSeconds(5), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, async: true, CancellationToken.None))
        {
            Assert.NotNull(held);
            _ = _store.Check(repair: true);
            Assert.True(File.Exists(inFlight), "a slow save's temp file must survive the sweep");
        }

        _ = _store.Check(repair: true);
        Assert.False(File.Exists(inFlight));
    }

    [Fact]
    public void List_DoesNotTouchOtherFiles()
    {
        string foreign = Path.Combine(_store.DirectoryPath, "notes.tmp");
        File.WriteAllText(foreign, "mine");
        File.SetLastWriteTimeUtc(foreign, DateTime.UtcNow.AddDays(-30));
        _ = _store.List();
        Assert.True(File.Exists(foreign));
    }

    [Fact]
    public async Task ListAsync_MatchesList()
    {
        _store.Save(Sessions.Make("second"));
        Assert.Equal(_store.List(), await _store.ListAsync());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.ListAsync(cancelled.Token).AsTask());
    }
}

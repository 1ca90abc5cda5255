using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.SeedParity;

/// <summary>The reference module's 18 tests, one for one, against the C# store.</summary>
public sealed class SeedParityTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public SeedParityTests() => _store = Sessions.FastStore(_temp.Combine("sessions"));

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ListSessions_EmptyDirectory_ReturnsEmptyList()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        Assert.Empty(_store.List());
    }

    [Fact]
    public void ListSessions_MissingDirectory_ReturnsEmptyList()
    {
        Assert.False(Directory.Exists(_store.DirectoryPath));
        Assert.Empty(_store.List());
        Assert.False(Directory.Exists(_store.DirectoryPath));
    }

    [Fact]
    public void ListSessions_ReturnsIdsSorted()
    {
        foreach (string id in new[] { "zeta", "alpha", "Mid", "beta-2", "beta_1" })
        {
            _store.Save(Sessions.Make(id));
        }

        Assert.Equal(["Mid", "alpha", "beta-2", "beta_1", "zeta"], _store.List());
    }

    [Fact]
    public void ListSessions_FiltersOutNonJsonFiles()
    {
        _store.Save(Sessions.Make("kept"));
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "notes.txt"), "x");
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "kept.json.bak"), "x");
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "README"), "x");
        Assert.Equal(["kept"], _store.List());
    }

    [Fact]
    public void SessionExists_True()
    {
        _store.Save(Sessions.Make("present"));
        Assert.True(_store.Exists("present"));
    }

    [Fact]
    public void SessionExists_False()
    {
        _store.Save(Sessions.Make("present"));
        Assert.False(_store.Exists("absent"));
    }

    [Fact]
    public void SessionExists_MissingDirectory_ReturnsFalse()
    {
        Assert.False(_store.Exists("anything"));
        Assert.False(Directory.Exists(_store.DirectoryPath));
    }

    [Fact]
    public void LoadSession_Missing_RaisesSessionNotFound()
    {
        var error = Assert.Throws<SessionNotFoundException>(() => _store.Load("ghost"));
        Assert.Equal("ghost", error.SessionId);
        Assert.Equal(_store.DirectoryPath, error.DirectoryPath);
        Assert.Contains("ghost", error.Message, StringComparison.Ordinal);
        Assert.Contains(_store.DirectoryPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadSession_SessionNotFound_IsAKeyError()
    {
        Exception error = Assert.ThrowsAny<Exception>(() => _store.Load("ghost"));
        Assert.IsAssignableFrom<KeyNotFoundException>(error);
    }

    [Fact]
    public void LoadSession_SessionNotFound_IsNotAFileNotFoundError()
    {
        Exception error = Assert.ThrowsAny<Exception>(() => _store.Load("ghost"));
        Assert.IsNotAssignableFrom<IOException>(error);
        Assert.IsNotAssignableFrom<FileNotFoundException>(error);
    }

    [Fact]
    public void DeleteSession_FirstCall_ReturnsTrueAndRemovesTheSession()
    {
        _store.Save(Sessions.Make("doomed"));
        Assert.True(_store.Delete("doomed"));
        Assert.False(_store.Exists("doomed"));
        Assert.False(File.Exists(Path.Combine(_store.DirectoryPath, "doomed.json")));
    }

    [Fact]
    public void DeleteSession_SecondCall_ReturnsFalse()
    {
        _store.Save(Sessions.Make("doomed"));
        Assert.True(_store.Delete("doomed"));
        Assert.False(_store.Delete("doomed"));
    }

    [Fact]
    public void DeleteSession_NeverExisted_ReturnsFalse()
    {
        Assert.False(_store.Delete("never"));
        Directory.CreateDirectory(_store.DirectoryPath);
        Assert.False(_store.Delete("never"));
    }

    [Fact]
    public void DeleteSession_PartialFailure_RaisesSessionDeleteError()
    {
        // Root ignores permission bits, so fail for real: a non-empty directory where the file should be.
        string path = Path.Combine(_store.DirectoryPath, "stuck.json");
        Directory.CreateDirectory(Path.Combine(path, "child"));

        var error = Assert.Throws<SessionDeleteException>(() => _store.Delete("stuck"));
        Assert.Equal("stuck", error.SessionId);
        Assert.Equal(path, error.Path);
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public void DeleteSession_PartialFailure_WrapsTheOsError()
    {
        string path = Path.Combine(_store.DirectoryPath, "stuck.json");
        Directory.CreateDirectory(Path.Combine(path, "child"));

        var error = Assert.Throws<SessionDeleteException>(() => _store.Delete("stuck"));
        Assert.IsAssignableFrom<IOException>(error);
        IOException inner = Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Contains(inner.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SessionDeleteError_IsDistinctFromSessionNotFound()
    {
        Assert.False(typeof(KeyNotFoundException).IsAssignableFrom(typeof(SessionDeleteException)));
        Assert.False(typeof(IOException).IsAssignableFrom(typeof(SessionNotFoundException)));
        Assert.True(typeof(IOException).IsAssignableFrom(typeof(SessionDeleteException)));
    }

    [Fact]
    public void DeleteSession_ConcurrentDeletion_LoserReturnsFalse()
    {
        // The reference's version of this test never raced; this one does: 16 threads per id, 200 ids.
        const int Ids = 200;
        const int Threads = 16;
        for (int i = 0; i < Ids; i++)
        {
            _store.Save(Sessions.Make("race" + i));
        }

        int[] wins = new int[Ids];
        using var start = new Barrier(Threads);
        var workers = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < Ids; i++)
            {
                if (_store.Delete("race" + i))
                {
                    Interlocked.Increment(ref wins[i]);
                }
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());

        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void FullRoundTrip_SaveListExistsLoadDelete()
    {
        var session = new StoredSession("round-trip", ["hello", "world"], 12, 34);

        string path = _store.Save(session);

        Assert.Equal(Path.Combine(_store.DirectoryPath, "round-trip.json"), path);
        Assert.Equal(["round-trip"], _store.List());
        Assert.True(_store.Exists("round-trip"));
        Assert.Equal(session, _store.Load("round-trip"));
        Assert.True(_store.Delete("round-trip"));
        Assert.False(_store.Exists("round-trip"));
        Assert.Empty(_store.List());
    }
}

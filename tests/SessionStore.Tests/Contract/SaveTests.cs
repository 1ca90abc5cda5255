using System.Text;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>Save: the reference's format, atomic replace, private modes, and failures that lose nothing.</summary>
public sealed class SaveTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Save_WritesTheReferenceFormat()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        string path = store.Save(new StoredSession("abc", ["hello", "world"], 12, 34));

        const string Expected = "{\n  \"session_id\": \"abc\",\n  \"messages\": [\n    \"hello\",\n    \"world\"\n  ],\n  \"input_tokens\": 12,\n  \"output_tokens\": 34\n}";
        Assert.Equal(Expected, File.ReadAllText(path, Encoding.UTF8));
    }

    [Fact]
    public void Save_WritesAsciiWithThePythonModulesEscapes_SoAnyLocaleReadsIt()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        string path = store.Save(new StoredSession("u", ["héllo 日本 😀", "<tag> & 'quote' \"dq\" \\ \n\t\u0001"], 0, 0));
        byte[] bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        string text = Encoding.UTF8.GetString(bytes);
        Assert.True(bytes.All(b => b < 0x80), "every byte is ASCII");
        Assert.Contains("h\\u00e9llo \\u65e5\\u672c \\ud83d\\ude00", text, StringComparison.Ordinal);
        Assert.Contains("<tag> & 'quote' \\\"dq\\\" \\\\ \\n\\t\\u0001", text, StringComparison.Ordinal);
        Assert.Equal(new StoredSession("u", ["héllo 日本 😀", "<tag> & 'quote' \"dq\" \\ \n\t\u0001"], 0, 0), store.Load("u"));
    }

    [Fact]
    public void Save_ReturnsTheFullPath_AndReplacesAnEarlierVersion()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        string first = store.Save(Sessions.Make("s", "one"));
        string second = store.Save(Sessions.Make("s", "two", "three"));

        Assert.Equal(first, second);
        Assert.True(Path.IsPathFullyQualified(first));
        Assert.Equal(Sessions.Make("s", "two", "three"), store.Load("s"));
        Assert.Equal(["s.json"], Directory.GetFiles(store.DirectoryPath).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_CreatesMissingDirectories()
    {
        var store = Sessions.FastStore(_temp.Combine("a", "b", "c"));
        store.Save(Sessions.Make("s"));
        Assert.True(store.Exists("s"));
    }

    [Fact]
    public void Save_CreatesThePrivateDirectoryAndFiles_OnUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only; CI runs on Linux.
        }

        var store = new FileSessionStore(_temp.Combine("private"));
        string path = store.Save(Sessions.Make("s"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(store.DirectoryPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        store.Save(Sessions.Make("s", "again"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Save_RefusesInvalidSessions_BeforeAnyIo()
    {
        var store = new FileSessionStore(_temp.Combine("store"));

        Assert.Throws<ArgumentNullException>(() => store.Save(null!));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", null!, 0, 0)));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", ["a", null!], 0, 0)));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", [], -1, 0)));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", [], 0, long.MinValue)));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", ["lone \uD800 surrogate"], 0, 0)));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", ["ok 😀", "low first \uDE00\uD83D"], 0, 0)));
        Assert.Throws<ArgumentException>(() => store.Save(new StoredSession("s", ["ends high \uD83D"], 0, 0)));

        Assert.Empty(_temp.Snapshot());
    }

    [Fact]
    public void Save_ThatFails_LeavesNoTempFile_AndThrowsATypedError()
    {
        // As root no permission bit stops a write: put a non-empty directory where the file goes.
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(Sessions.Make("other"));
        string path = Path.Combine(store.DirectoryPath, "s.json");
        Directory.CreateDirectory(Path.Combine(path, "child"));

        var error = Assert.Throws<SessionStorageException>(() => store.Save(Sessions.Make("s")));
        Assert.Equal("s", error.SessionId);
        Assert.Equal(path, error.Path);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal([".locks", "other.json", "s.json"], Directory.GetFileSystemEntries(store.DirectoryPath).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Sessions.Make("other"), store.Load("other"));
    }

    [Fact]
    public void Save_IntoAPathThatIsAFile_ThrowsATypedError()
    {
        string blocker = _temp.Combine("blocker");
        File.WriteAllText(blocker, "not a directory");
        var store = Sessions.FastStore(blocker);

        var error = Assert.Throws<SessionStorageException>(() => store.Save(Sessions.Make("s")));
        Assert.Contains("'s'", error.Message, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(blocker));
        Assert.Empty(store.List());
        Assert.False(store.Exists("s"));
        Assert.False(store.Delete("s"));
    }

    [Fact]
    public void ConcurrentSaves_OfOneSession_LeaveOneCompleteVersion()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        StoredSession[] versions = Enumerable.Range(1, 8).Select(n => Sessions.WithMessages("shared", n * 50)).ToArray();
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            store.Save(versions[i % versions.Length]);
            Assert.Contains(store.Load("shared"), versions);
        });

        Assert.Contains(store.Load("shared"), versions);
        Assert.Equal(["shared.json"], Directory.GetFiles(store.DirectoryPath).Select(Path.GetFileName));
    }

    [Fact]
    public void Durable_AndNonDurableSaves_ProduceTheSameFile()
    {
        var durable = new FileSessionStore(_temp.Combine("durable"));
        var fast = new FileSessionStore(_temp.Combine("fast"), new FileSessionStoreOptions { Durable = false });
        StoredSession session = Sessions.WithMessages("s", 100);
        Assert.Equal(File.ReadAllBytes(durable.Save(session)), File.ReadAllBytes(fast.Save(session)));
    }

    [Fact]
    public async Task SaveAsync_MatchesSave_AndHonoursCancellation()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        StoredSession session = Sessions.WithMessages("s", 10);
        string path = await store.SaveAsync(session);
        Assert.Equal(Path.Combine(store.DirectoryPath, "s.json"), path);
        Assert.Equal(session, await store.LoadAsync("s"));

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(Sessions.Make("s", "new"), cancelled.Token).AsTask());
        Assert.Equal(session, store.Load("s"));
        Assert.Equal(["s.json"], Directory.GetFiles(store.DirectoryPath).Select(Path.GetFileName));
    }
}

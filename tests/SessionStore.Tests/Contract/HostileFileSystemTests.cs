using System.Diagnostics;
using System.Runtime.InteropServices;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>
/// Links, special files, shared, foreign and read-only directories: real ones, made for each test. Nothing
/// is followed out of the store, nothing blocks, every failure is one of the store's typed exceptions.
/// </summary>
public sealed class HostileFileSystemTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public HostileFileSystemTests() => _store = Sessions.FastStore(_temp.Combine("store"));

    public void Dispose()
    {
        _ = ProcessRunner.RunAsync("chattr", ["-R", "-i", _temp.Path]).GetAwaiter().GetResult();
        _temp.Dispose();
    }

    private string SessionFile(string id) => Path.Combine(_store.DirectoryPath, id + ".json");

    [Fact]
    public void ASymlinkWhereASessionFileShouldBe_IsTyped_AndWhatItPointsAtIsNeverTouched()
    {
        _store.Save(Sessions.Make("real"));
        string victim = _temp.Combine("victim.bashrc");
        File.WriteAllText(victim, """{"session_id": "s", "messages": [], "input_tokens": 0, "output_tokens": 0}""");
        File.CreateSymbolicLink(SessionFile("s"), victim);
        byte[] before = File.ReadAllBytes(victim);

        var load = Assert.Throws<SessionCorruptException>(() => _store.Load("s"));
        Assert.Contains("symbolic link", load.Reason, StringComparison.Ordinal);
        Assert.Throws<SessionCorruptException>(() => _store.Summarize("s"));
        Assert.ThrowsAny<IOException>(() => _store.Append("s", ["x"], 0, 0));
        Assert.Equal(before, File.ReadAllBytes(victim));
        Assert.Contains(_store.Check().Problems, p => p.Kind == StoreProblemKind.CorruptSession && p.SessionId == "s");
        _ = _store.Check(repair: true);
        Assert.Equal(before, File.ReadAllBytes(victim));
        Assert.False(File.Exists(SessionFile("s")), "the link itself is moved into quarantine");
    }

    [Fact]
    public void SymlinkedLockOrQuarantineDirectories_AreRefused_AndNothingIsCreatedOutside()
    {
        string outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        Directory.CreateDirectory(_store.DirectoryPath);
        Directory.CreateSymbolicLink(Path.Combine(_store.DirectoryPath, ".locks"), outside);

        var error = Assert.Throws<SessionStorageException>(() => _store.Save(Sessions.Make("s")));
        Assert.Contains("never followed", error.Message, StringComparison.Ordinal);
        Assert.Throws<SessionStorageException>(() => _store.Append("s", ["x"], 0, 0));
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));

        Directory.Delete(Path.Combine(_store.DirectoryPath, ".locks"));
        _store.Save(Sessions.Make("s"));
        File.WriteAllText(SessionFile("bad"), "not json");
        Directory.CreateSymbolicLink(Path.Combine(_store.DirectoryPath, ".quarantine"), outside);
        StoreCheckResult result = _store.Check(repair: true);
        Assert.Contains(result.Problems, p => p.SessionId == "bad" && !p.Repaired);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.True(File.Exists(SessionFile("bad")));
    }

    [Fact]
    public void SymlinkedTrashOrPinsDirectories_AreRefused_AndNothingMovesOutside()
    {
        string outside = _temp.Combine("outside-retention");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "s~0638000000000000000~00000000.json"), "{}");
        File.WriteAllText(Path.Combine(outside, "s"), "");
        _store.Save(Sessions.Make("s", "kept"));
        Directory.CreateSymbolicLink(Path.Combine(_store.DirectoryPath, ".trash"), outside);
        Directory.CreateSymbolicLink(Path.Combine(_store.DirectoryPath, ".pins"), outside);

        Assert.Contains("never followed", Assert.Throws<SessionStorageException>(() => _store.MoveToTrash("s")).Message, StringComparison.Ordinal);
        Assert.Throws<SessionStorageException>(() => _store.Prune(DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Throws<SessionStorageException>(() => _store.ListTrash());
        Assert.Throws<SessionStorageException>(() => _store.Restore("s"));
        Assert.Throws<SessionStorageException>(() => _store.EmptyTrash());
        Assert.Throws<SessionStorageException>(() => _store.Pin("s"));
        Assert.Throws<SessionStorageException>(() => _store.Unpin("s"));
        Assert.Throws<SessionStorageException>(() => _store.ListPinned());

        Assert.Equal(Sessions.Make("s", "kept"), _store.Load("s"));
        Assert.Equal(["s", "s~0638000000000000000~00000000.json"], Directory.EnumerateFileSystemEntries(outside).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AFifoWhereASessionFileShouldBe_IsReportedAtOnce_AndCheckGoesOn()
    {
        _store.Save(Sessions.Make("good"));
        Assert.Equal(0, MakeFifo(SessionFile("pipe"), 0x180));
        File.WriteAllText(SessionFile("corrupt"), "{");

        Task<StoreCheckResult> check = Task.Run(() => _store.Check());
        var stopwatch = Stopwatch.StartNew();
        Assert.Contains("FIFO", Assert.Throws<SessionCorruptException>(() => _store.Load("pipe")).Reason, StringComparison.Ordinal);
        Assert.Throws<SessionCorruptException>(() => _store.Summarize("pipe"));
        StoreCheckResult result = await check.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(3, result.SessionsChecked);
        Assert.Contains(result.Problems, p => p.SessionId == "pipe");
        Assert.Contains(result.Problems, p => p.SessionId == "corrupt");
        Assert.Equal(Sessions.Make("good"), _store.Load("good"));
    }

    [Fact]
    public void AWorldWritableOrForeignDirectory_IsRefusedForWriting_UnlessAllowed_AndStillRead()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        _store.Save(Sessions.Make("s"));
        File.SetUnixFileMode(_store.DirectoryPath, (UnixFileMode)0x1FF); // 0777
        var refused = Assert.Throws<UnsafeSessionDirectoryException>(() => _store.Save(Sessions.Make("t")));
        Assert.Contains("world-writable", refused.Reason, StringComparison.Ordinal);
        Assert.Throws<UnsafeSessionDirectoryException>(() => _store.Append("s", ["x"], 0, 0));
        Assert.IsType<UnsafeSessionDirectoryException>(Assert.Throws<SessionDeleteException>(() => _store.Delete("s")).InnerException);
        Assert.Equal(Sessions.Make("s"), _store.Load("s"));
        Assert.Contains(_store.Check().Problems, p => p.Kind == StoreProblemKind.SharedDirectory);

        var allowed = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, AllowSharedDirectory = true });
        allowed.Append("s", ["x"], 0, 0);

        File.SetUnixFileMode(_store.DirectoryPath, (UnixFileMode)0x1F8); // 0770: group-writable works, Check says so
        _store.Save(Sessions.Make("t"));
        Assert.Contains(_store.Check().Problems, p => p.Kind == StoreProblemKind.SharedDirectory && p.Description.Contains("group", StringComparison.Ordinal));

        File.SetUnixFileMode(_store.DirectoryPath, (UnixFileMode)0x1C0);
        if (ChangeOwner(_store.DirectoryPath, 65534, 65534) == 0 && Environment.UserName == "root")
        {
            if (TestPlatform.IsPortable)
            {
                // The difference (docs/reliability.md#platforms): the base class library gives no owner, so the portable
                // platform refuses world-writable directories only, and writes in another user's private one.
                _store.Save(Sessions.Make("u"));
            }
            else
            {
                Assert.Contains("another user", Assert.Throws<UnsafeSessionDirectoryException>(() => _store.Save(Sessions.Make("u"))).Reason, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task UnderUmask000_EveryDirectoryAndFileTheStoreCreates_IsPrivate()
    {
        string directory = _temp.Combine("a", "b", "store");
        string worker = Path.Combine(AppContext.BaseDirectory, "SessionStore.TestWorker.dll");
        ProcessRunner.Result result = await ProcessRunner.RunAsync("sh", ["-c", $"umask 000 && exec dotnet '{worker}' increment '{directory}' s 3 0"]);
        Assert.Equal(0, result.ExitCode);
        foreach (string created in new[] { _temp.Combine("a"), _temp.Combine("a", "b"), directory, Path.Combine(directory, ".locks") })
        {
            Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(created));
        }

        Assert.All(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories), f => Assert.Equal((UnixFileMode)0x180, File.GetUnixFileMode(f)));
    }

    [SkippableFact]
    public async Task AReadOnlyDirectoryThePythonModuleFilled_ReadsLikeTheSeed_AndDeletesAreTyped()
    {
        string source = _temp.Combine("python");
        await PythonReference.RunAsync(
            "[save_session(StoredSession(f's{i}', ('hi',), 1, 2), Path(args['dir'])) for i in range(3)]",
            $"{{\"dir\": \"{source}\"}}");
        string mounted = _temp.Combine("readonly");
        Directory.CreateDirectory(mounted);
        Skip.If(Environment.UserName != "root", "a read-only bind mount needs root");
        ProcessRunner.Result bind = await ProcessRunner.RunAsync("mount", ["--bind", source, mounted]);
        Skip.If(bind.ExitCode != 0, "mount --bind was refused here: " + bind.StandardError.Trim());
        try
        {
            Assert.Equal(0, (await ProcessRunner.RunAsync("mount", ["-o", "remount,ro,bind", mounted])).ExitCode);
            var store = new FileSessionStore(mounted);
            Assert.Equal(["s0", "s1", "s2"], store.List());
            Assert.True(store.Exists("s1"));
            Assert.Equal(new StoredSession("s1", ["hi"], 1, 2), store.Load("s1"));
            Assert.Equal(1, store.Summarize("s1").MessageCount);
            var delete = Assert.Throws<SessionDeleteException>(() => store.Delete("s1"));
            Assert.Contains("Read-only", delete.InnerException!.Message, StringComparison.OrdinalIgnoreCase);
            Assert.False(store.Delete("absent"));
            Assert.Throws<SessionStorageException>(() => store.Append("s1", ["x"], 0, 0));
            Assert.Throws<SessionStorageException>(() => store.Update("s1", s => s!));
            Assert.False(Directory.Exists(Path.Combine(source, ".locks")));
            // Read-only, not "shared". The difference: the portable platform has no access(2) and Check writes nothing, so
            // it sees the directory's permissions only, not the read-only mount (whose writes fail typed, as above).
            Assert.Equal(TestPlatform.IsPortable ? [] : [StoreProblemKind.ReadOnlyDirectory], store.Check().Problems.Select(p => p.Kind));
        }
        finally
        {
            await ProcessRunner.RunAsync("umount", [mounted]);
        }
    }

    [SkippableFact]
    public void ALockDirectoryTheStoreCannotWrite_GivesTypedErrors_AndDeleteStillHasOneWinner()
    {
        _store.Save(Sessions.Make("s"));
        string locks = Path.Combine(_store.DirectoryPath, ".locks");
        foreach (string file in Directory.EnumerateFiles(locks))
        {
            File.Delete(file);
        }

        ProcessRunner.Result immutable = ProcessRunner.RunAsync("chattr", ["+i", locks]).GetAwaiter().GetResult();
        Skip.If(immutable.ExitCode != 0, "chattr +i is not supported here: " + immutable.StandardError.Trim());

        Assert.Throws<SessionStorageException>(() => _store.Update("s", s => s!));
        Assert.Throws<SessionStorageException>(() => _store.SaveIfMatch(Sessions.Make("s"), null));
        Assert.Throws<SessionStorageException>(() => _store.Append("s", ["x"], 0, 0));
        Assert.Throws<SessionStorageException>(() => _store.Fork("s", "t"));
        Assert.True(_store.Delete("s"));
        Assert.False(_store.Delete("s"));
    }

    [DllImport("libc", EntryPoint = "mkfifo")]
    private static extern int MakeFifo(string path, uint mode);

    [DllImport("libc", EntryPoint = "chown")]
    private static extern int ChangeOwner(string path, uint owner, uint group);
}

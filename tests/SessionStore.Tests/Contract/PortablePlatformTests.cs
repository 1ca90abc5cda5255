using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>
/// The portable file access (what Windows and macOS get), forced on Linux beside the hardened one: its locks
/// and the hardened ones keep each other out across real processes, it writes the same bytes, and where it
/// cannot do what the hardened one does it says so with a typed error (docs/reliability.md#platforms).
/// </summary>
public sealed class PortablePlatformTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<FileSystemPlatform, FileSystemPlatform> Pairs => new()
    {
        { FileSystemPlatform.Hardened, FileSystemPlatform.Portable },
        { FileSystemPlatform.Portable, FileSystemPlatform.Hardened },
        { FileSystemPlatform.Portable, FileSystemPlatform.Portable },
    };

    private static FileSessionStore Open(string directory, FileSystemPlatform platform, TimeSpan? lockTimeout = null) =>
        new(directory, new FileSessionStoreOptions { Durable = false, FileSystemPlatform = platform, LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(10) });

    private static Dictionary<string, string> On(FileSystemPlatform platform) =>
        new() { ["SESSIONSTORE_PLATFORM"] = platform == FileSystemPlatform.Portable ? "portable" : "hardened" };

    private static string Worker => Path.Combine(AppContext.BaseDirectory, "SessionStore.TestWorker.dll");

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task ALockHeldByAProcessOnOnePlatform_KeepsOutAWriterOnTheOther(FileSystemPlatform holder, FileSystemPlatform writer)
    {
        string directory = _temp.Combine("store");
        Open(directory, writer).Save(Sessions.Make("s"));
        using var child = ProcessRunner.Start("dotnet", [Worker, "hold-lock", directory, "s"], environment: On(holder));
        try
        {
            Assert.Equal("locked", await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2)));
            FileSessionStore store = Open(directory, writer, TimeSpan.FromMilliseconds(300));
            Assert.Throws<SessionLockTimeoutException>(() => store.Update("s", s => s! with { InputTokens = 99 }));
            Assert.Throws<SessionLockTimeoutException>(() => store.Append("s", ["x"], 0, 0));
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }

        // The kernel dropped the killed holder's lock.
        FileSessionStore after = Open(directory, writer);
        after.Update("s", s => s! with { InputTokens = 99 });
        Assert.Equal(99, after.Load("s")!.InputTokens);
    }

    [Fact]
    public async Task HardenedAndPortableProcesses_UpdatingOneSession_SumExactly()
    {
        const int PerProcess = 100;
        string directory = _temp.Combine("store");
        string start = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        FileSystemPlatform[] platforms = [FileSystemPlatform.Hardened, FileSystemPlatform.Portable, FileSystemPlatform.Portable, FileSystemPlatform.Hardened];
        var children = platforms
            .Select(p => ProcessRunner.Start("dotnet", [Worker, "increment", directory, "shared", PerProcess.ToString(System.Globalization.CultureInfo.InvariantCulture), start], environment: On(p)))
            .ToList();
        foreach (var child in children)
        {
            ProcessRunner.Result result = await ProcessRunner.WaitAsync(child, TimeSpan.FromMinutes(3));
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        StoredSession final = Open(directory, FileSystemPlatform.Portable).Load("shared")!;
        Assert.Equal(platforms.Length * PerProcess, final.InputTokens);
        Assert.Equal(platforms.Length * PerProcess, final.Messages.Count);
    }

    [Fact]
    public void ASessionFileAnotherProcessHoldsExclusively_IsRetriedForAMoment_ThenATypedErrorNamingTheSession()
    {
        string directory = _temp.Combine("store");
        FileSessionStore portable = Open(directory, FileSystemPlatform.Portable);
        portable.Save(Sessions.Make("busy"));

        // FileShare.None is an exclusive flock on Linux and a sharing violation on Windows: the file is in use.
        using (new FileStream(Path.Join(directory, "busy.json"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            var error = Assert.Throws<SessionStorageException>(() => portable.Load("busy"));
            Assert.Equal("busy", error.SessionId);
            Assert.Contains("busy.json", error.Message, StringComparison.Ordinal);
            Assert.Contains("temporarily unavailable", error.Message, StringComparison.OrdinalIgnoreCase);

            // The difference: the hardened platform's readers take no lock unless an in-place write is marked.
            Assert.Equal(Sessions.Make("busy"), Open(directory, FileSystemPlatform.Hardened).Load("busy"));
        }

        Assert.Equal(Sessions.Make("busy"), portable.Load("busy"));
    }

    [Fact]
    public async Task WhereFileLocksAreNotEnforced_ThePortablePlatformRefusesToWrite_TheHardenedOneLocksAnyway()
    {
        string directory = _temp.Combine("store");
        var noLocks = new Dictionary<string, string> { ["DOTNET_SYSTEM_IO_DISABLEFILELOCKING"] = "1" };

        ProcessRunner.Result portable = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", [Worker, "increment", directory, "s", "1", "0"], environment: new Dictionary<string, string>(noLocks) { ["SESSIONSTORE_PLATFORM"] = "portable" }),
            TimeSpan.FromMinutes(2));
        Assert.NotEqual(0, portable.ExitCode);
        Assert.Contains("SessionStorageException", portable.StandardError, StringComparison.Ordinal);
        Assert.Contains("does not keep other processes out", portable.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Join(directory, "s.json")), "nothing is written unlocked");

        ProcessRunner.Result hardened = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", [Worker, "increment", directory, "s", "1", "0"], environment: new Dictionary<string, string>(noLocks) { ["SESSIONSTORE_PLATFORM"] = "hardened" }),
            TimeSpan.FromMinutes(2));
        Assert.True(hardened.ExitCode == 0, hardened.StandardError);
    }

    [Fact]
    public void BothPlatforms_WriteTheSameBytes_ThePortableOneRewritesWholeOnEveryAppend()
    {
        string hardenedDirectory = _temp.Combine("hardened"), portableDirectory = _temp.Combine("portable");
        foreach ((string directory, FileSystemPlatform platform) in new[] { (hardenedDirectory, FileSystemPlatform.Hardened), (portableDirectory, FileSystemPlatform.Portable) })
        {
            FileSessionStore store = Open(directory, platform);
            store.Save(Sessions.Make("s", "héllo\r\n", "wörld\n"));
            store.Append("s", ["more", "😀"], 3, 4);
            store.Update("s", s => s! with { OutputTokens = 7 });
            store.Append("s", ["last"], 1, 0);
        }

        Assert.Equal(File.ReadAllBytes(Path.Join(hardenedDirectory, "s.json")), File.ReadAllBytes(Path.Join(portableDirectory, "s.json")));

        FileSessionStore portableStore = Open(portableDirectory, FileSystemPlatform.Portable);
        ulong before = Inode(Path.Join(portableDirectory, "s.json"));
        portableStore.Append("s", ["again"], 0, 0);
        Assert.NotEqual(before, Inode(Path.Join(portableDirectory, "s.json")));
        Assert.Equal(["héllo\r\n", "wörld\n", "more", "😀", "last", "again"], portableStore.Load("s")!.Messages);
    }

    private static ulong Inode(string path) => SessionStore.Storage.Posix.TryStatEntry(path, out SessionStore.Interop.StatxBuffer status, out _) ? status.Ino : 0;
}

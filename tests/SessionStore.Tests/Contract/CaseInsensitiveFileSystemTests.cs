using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>
/// Two ids that differ only in case, on a real case-insensitive file system (Windows' and macOS's defaults): an
/// exFAT image mounted through FUSE (the kernel here has neither vfat nor ext4 casefold; BUILD-NOTES section 5),
/// made for each test and always unmounted. The second id is refused with a typed error; nothing is mixed.
/// Both platforms run every case; the same cases on an ordinary directory keep both ids apart.
/// </summary>
public sealed class CaseInsensitiveFileSystemTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private string? _mounted;

    public static TheoryData<FileSystemPlatform> Platforms => [FileSystemPlatform.Hardened, FileSystemPlatform.Portable];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_mounted is not null)
        {
            await ProcessRunner.RunAsync("umount", [_mounted]);
        }

        _temp.Dispose();
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public async Task IdsThatDifferOnlyInCase_NeverShareAFile_TheSecondIsRefused(FileSystemPlatform platform)
    {
        string directory = await MountCaseInsensitiveAsync();
        var store = new FileSessionStore(Path.Join(directory, "store"), new FileSessionStoreOptions { Durable = false, FileSystemPlatform = platform });
        store.Save(Sessions.Make("chat", "first"));
        string file = Path.Join(store.DirectoryPath, "chat.json");
        Assert.True(File.Exists(Path.Join(store.DirectoryPath, "CHAT.json")), "the mount must ignore case, or this test proves nothing");
        byte[] before = File.ReadAllBytes(file);

        var save = Assert.Throws<SessionStorageException>(() => store.Save(Sessions.Make("Chat", "second")));
        Assert.Equal("Chat", save.SessionId);
        Assert.Contains("ignores case", save.Message, StringComparison.Ordinal);
        Assert.Throws<SessionStorageException>(() => store.Append("Chat", ["x"], 0, 0));
        Assert.Throws<SessionStorageException>(() => store.Update("Chat", s => s!));
        Assert.ThrowsAny<Exception>(() => store.Delete("Chat"));

        Assert.Throws<SessionNotFoundException>(() => store.Load("Chat"));
        Assert.False(store.Exists("Chat"));
        Assert.Equal(["chat"], store.List());
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(Sessions.Make("chat", "first"), store.Load("chat"));

        store.Append("chat", ["more"], 1, 1);
        Assert.Equal(["first", "more"], store.Load("chat")!.Messages);
        Assert.True(store.Delete("chat"));
        store.Save(Sessions.Make("Chat", "now it may"));
        Assert.Equal(["Chat"], store.List());
    }

    [SkippableTheory]
    [MemberData(nameof(Platforms))]
    public async Task AStoreThePythonModuleOrAnotherProcessFilled_IsProbedOnTheFirstRead(FileSystemPlatform platform)
    {
        string directory = Path.Join(await MountCaseInsensitiveAsync(), "store");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, "Ticket.json"), """{"session_id": "Ticket", "messages": ["hi"], "input_tokens": 0, "output_tokens": 0}""");
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = false, FileSystemPlatform = platform });

        Assert.Throws<SessionNotFoundException>(() => store.Load("ticket"));
        Assert.Equal(new StoredSession("Ticket", ["hi"], 0, 0), store.Load("Ticket"));
        Assert.Throws<SessionStorageException>(() => store.Save(Sessions.Make("TICKET")));
        Assert.Equal(["Ticket"], store.List());
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public void OnADirectoryThatKeepsCase_BothIdsAreSessionsOfTheirOwn(FileSystemPlatform platform)
    {
        var store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, FileSystemPlatform = platform });
        store.Save(Sessions.Make("chat", "lower"));
        store.Save(Sessions.Make("Chat", "upper"));
        store.Append("Chat", ["more"], 0, 0);

        Assert.Equal(["Chat", "chat"], store.List());
        Assert.Equal(["lower"], store.Load("chat")!.Messages);
        Assert.Equal(["upper", "more"], store.Load("Chat")!.Messages);
        Assert.True(store.Delete("Chat"));
        Assert.True(store.Exists("chat"));
    }

    private async Task<string> MountCaseInsensitiveAsync()
    {
        Skip.If(Environment.UserName != "root", "mounting an exFAT image needs root (CI runs as root)");
        string image = _temp.Combine("ci.img");
        string mountPoint = _temp.Combine("ci");
        Directory.CreateDirectory(mountPoint);
        await using (var stream = new FileStream(image, FileMode.CreateNew))
        {
            stream.SetLength(64L << 20);
        }

        ProcessRunner.Result format = await ProcessRunner.RunAsync("mkfs.exfat", [image]);
        Skip.If(format.ExitCode != 0, "mkfs.exfat (exfatprogs) is not installed here: " + format.StandardError.Trim());
        // umask=077: the store refuses directories others can write, and exFAT keeps no modes of its own.
        ProcessRunner.Result mount = await ProcessRunner.RunAsync("mount", ["-t", "exfat-fuse", "-o", "loop,umask=077", image, mountPoint]);
        Skip.If(mount.ExitCode != 0, "exfat-fuse could not mount the image here: " + mount.StandardError.Trim());
        _mounted = mountPoint;
        return mountPoint;
    }
}

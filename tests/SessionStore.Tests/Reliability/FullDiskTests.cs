using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>A save that fails for lack of space, on a real 512 KiB tmpfs mounted for the test (root only; skipped elsewhere).</summary>
public sealed class FullDiskTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _mount;
    private readonly bool _mounted;
    private readonly string? _whyNot;

    public FullDiskTests()
    {
        _mount = _temp.Combine("tiny");
        Directory.CreateDirectory(_mount);
        if (OperatingSystem.IsWindows() || Environment.UserName != "root")
        {
            _whyNot = "mounting a tmpfs needs root on Linux";
            return;
        }

        ProcessRunner.Result result = ProcessRunner.RunAsync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", _mount]).GetAwaiter().GetResult();
        _mounted = result.ExitCode == 0;
        _whyNot = _mounted ? null : "mount -t tmpfs was refused here: " + result.StandardError.Trim();
    }

    public void Dispose()
    {
        if (_mounted)
        {
            ProcessRunner.RunAsync("umount", [_mount]).GetAwaiter().GetResult();
        }

        _temp.Dispose();
    }

    [SkippableFact]
    public void ASaveThatRunsOutOfSpace_KeepsTheOldSession_LeavesNoTempFile_AndSaysSo()
    {
        Skip.If(_whyNot is not null, _whyNot);
        var store = new FileSessionStore(Path.Combine(_mount, "store"));
        StoredSession old = Sessions.WithMessages("s", 100);
        store.Save(old);
        File.WriteAllBytes(Path.Combine(_mount, "filler"), new byte[300 * 1024]);

        var error = Assert.Throws<SessionStorageException>(() => store.Save(Sessions.WithMessages("s", 5000)));

        Assert.Equal("s", error.SessionId);
        IOException inner = Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.True(error.Message.Contains("full", StringComparison.OrdinalIgnoreCase) || error.Message.Contains("space", StringComparison.OrdinalIgnoreCase), error.Message);
        Assert.Contains(inner.Message, error.Message, StringComparison.Ordinal);
        Assert.Equal(old, store.Load("s"));
        Assert.Equal(["s.json"], Directory.GetFiles(store.DirectoryPath).Select(Path.GetFileName));

        // Space again: the next save works.
        File.Delete(Path.Combine(_mount, "filler"));
        store.Save(Sessions.WithMessages("s", 2000));
        Assert.Equal(Sessions.WithMessages("s", 2000), store.Load("s"));
    }

    [SkippableFact]
    public void AnAppendThatRunsOutOfSpaceMidWrite_AppendsNothing_SoARetryStoresTheTurnOnce()
    {
        Skip.If(_whyNot is not null, _whyNot);
        // The in-place append's protocol, which only the hardened platform has (the portable one rewrites whole, as a save).
        var store = new FileSessionStore(Path.Combine(_mount, "store"), new FileSessionStoreOptions { FileSystemPlatform = FileSystemPlatform.Hardened });
        StoredSession old = Sessions.WithMessages("s", 3);
        store.Save(old);
        store.Append("s", ["warm"], 0, 0); // the file is canonical: the next append goes in place
        old = store.Load("s");
        string turn = new('t', 40 * 1024);
        // Leave room for the intent (about one turn) but not for the intent and the file's growth (two turns).
        long free = new DriveInfo(_mount).AvailableFreeSpace;
        File.WriteAllBytes(Path.Combine(_mount, "filler"), new byte[free - 60 * 1024]);

        var error = Assert.Throws<SessionStorageException>(() => store.Append("s", [turn], 1, 1));

        Assert.Equal("s", error.SessionId);
        Assert.DoesNotContain("pending", error.Message, StringComparison.Ordinal);
        Assert.Empty(UnlockedFile.ReadAllBytes(Path.Combine(store.DirectoryPath, ".locks", Path.GetFileName(Storage.SessionFileLayout.LockPath(store.DirectoryPath, "s")))));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.DirectoryPath, "s.json")));
        Assert.Equal(old, store.Load("s"));
        Assert.Equal(old, new FileSessionStore(store.DirectoryPath).Load("s"));

        File.Delete(Path.Combine(_mount, "filler"));
        store.Append("s", [turn], 1, 1); // the caller's retry
        store.Save(Sessions.WithMessages("other", 1)); // another writer: nothing left to complete
        Assert.Equal([.. old.Messages, turn], store.Load("s").Messages);
    }
}

using SessionStore.Interop;
using SessionStore.Storage;

namespace SessionStore.Tests.TestSupport;

/// <summary>
/// Reads a file of the store as the store's own lock-free readers do (libc, no lock), where .NET's File APIs would
/// take a shared flock to emulate FileShare and fail while anyone holds the exclusive one, a child process between
/// fork and exec included.
/// </summary>
public static class UnlockedFile
{
    public static byte[] ReadAllBytes(string path)
    {
        using FileDescriptor file = Posix.TryOpen(path, OpenFlags.ReadOnly, out int errno) ?? throw new IOException($"cannot open '{path}' (errno {errno})", errno);
        byte[] buffer = new byte[(int)Posix.Stat(file, path).Size];
        return buffer[..Posix.ReadAt(file, buffer, 0, path)];
    }
}

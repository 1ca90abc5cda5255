using System.Runtime.InteropServices;

namespace SessionStore.Interop;

/// <summary>The few POSIX calls .NET has no API for. Unix only.</summary>
internal static partial class Libc
{
    internal const int ENOENT = 2;
    internal const int ENOTDIR = 20;
    internal const int O_RDONLY = 0;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    internal static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Unlink(string path);
}

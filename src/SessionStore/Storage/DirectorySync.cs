using System.Runtime.InteropServices;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>
/// Makes a directory's entries (a rename, a new file) durable. On Unix a rename is only on disk once
/// the directory itself is fsynced; .NET has no API for that. Elsewhere this is a no-op: NTFS journals
/// metadata and Windows offers no directory flush to user code.
/// </summary>
internal static class DirectorySync
{
    internal static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        int fd = Libc.Open(directory, Libc.O_RDONLY);
        if (fd < 0)
        {
            throw ErrnoException.FromLastError($"opening directory '{directory}' to flush it");
        }

        try
        {
            if (Libc.FSync(fd) != 0)
            {
                throw ErrnoException.FromLastError($"flushing directory '{directory}'");
            }
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }
}

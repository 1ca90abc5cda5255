using System.Runtime.InteropServices;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>
/// Removes a session's file and says whether this call removed it. <see cref="File.Delete(string)"/>
/// cannot: it is silent when the file is missing. On Unix one <c>unlink</c> does it (of concurrent
/// callers the kernel lets exactly one succeed); elsewhere the file is first renamed to a unique
/// tombstone, which only one caller can do, and the tombstone is then deleted.
/// </summary>
internal static class SessionFileRemover
{
    /// <returns><see langword="true"/> if this call removed the file; <see langword="false"/> if it was not there.</returns>
    /// <exception cref="IOException">The file is there but could not be removed.</exception>
    /// <exception cref="UnauthorizedAccessException">The file is there but could not be removed.</exception>
    internal static bool Remove(string directory, string sessionId, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return RemoveViaTombstone(path, SessionFileLayout.TombstonePath(directory, sessionId));
        }

        if (Libc.Unlink(path) == 0)
        {
            return true;
        }

        int errno = Marshal.GetLastPInvokeError();
        if (errno is Libc.ENOENT or Libc.ENOTDIR)
        {
            return false;
        }

        throw ErrnoException.FromErrno(errno, $"removing '{path}'");
    }

    private static bool RemoveViaTombstone(string path, string tombstonePath)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a directory, not a session file.");
        }

        try
        {
            File.Move(path, tombstonePath, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }

        File.Delete(tombstonePath);
        return true;
    }
}

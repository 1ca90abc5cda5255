using System.Globalization;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>Where a corrupt session's file is moved aside: the hidden <c>.quarantine</c> directory, never listed, never emptied by the store.</summary>
internal static class Quarantine
{
    /// <summary>Moves the session's file (or whatever has its name) into quarantine, never over another file, never through a link.</summary>
    /// <returns>The file's new path.</returns>
    /// <exception cref="IOException">The move failed (carries the errno).</exception>
    internal static string Move(string directory, string sessionId, DateTimeOffset now)
    {
        using FileDescriptor store = Posix.TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{directory}'");
        using FileDescriptor quarantine = StoreDirectory.OpenHidden(directory, SessionFileLayout.QuarantineDirectoryName, create: true)!;
        string name = string.Create(CultureInfo.InvariantCulture, $"{sessionId}.{now.UtcDateTime:yyyyMMddTHHmmssfff}.{Random.Shared.Next():x8}.json");
        if (Libc.RenameAt2(store, sessionId + SessionFileLayout.SessionExtension, quarantine, name, Libc.RENAME_NOREPLACE) != 0)
        {
            throw ErrnoException.FromLastError($"moving session '{sessionId}' into '{SessionFileLayout.QuarantineDirectoryName}'");
        }

        return Path.Join(directory, SessionFileLayout.QuarantineDirectoryName, name);
    }
}

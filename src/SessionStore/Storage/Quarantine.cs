using System.Globalization;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>Where a corrupt session's file is moved aside: the hidden <c>.quarantine</c> directory, never listed, never emptied by the store.</summary>
internal static class Quarantine
{
    /// <summary>Moves the session's file (or whatever has its name) into quarantine, never over another file, never through a link.</summary>
    /// <returns>The file's new path.</returns>
    /// <exception cref="IOException">The move failed (carries the errno).</exception>
    internal static string Move(string directory, string sessionId, DateTimeOffset now) =>
        MoveEntry(directory, sessionId + SessionFileLayout.SessionExtension, NameFor(sessionId, now, SessionFileLayout.SessionExtension));

    /// <summary>Moves a SessionStore 0.1 journal that can never be applied into quarantine, as <c>&lt;id&gt;.&lt;time&gt;.&lt;random&gt;.journal</c>.</summary>
    /// <returns>The journal's new path.</returns>
    /// <exception cref="IOException">The move failed (carries the errno).</exception>
    internal static string MoveLegacyJournal(string directory, string sessionId, DateTimeOffset now) =>
        MoveEntry(directory, "." + sessionId + SessionFileLayout.LegacyJournalExtension, NameFor(sessionId, now, SessionFileLayout.LegacyJournalExtension));

    private static string NameFor(string sessionId, DateTimeOffset now, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{sessionId}.{now.UtcDateTime:yyyyMMddTHHmmssfff}.{Random.Shared.Next():x8}{extension}");

    private static string MoveEntry(string directory, string entry, string name)
    {
        using FileDescriptor store = Posix.TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{directory}'");
        using FileDescriptor quarantine = StoreDirectory.OpenHidden(directory, SessionFileLayout.QuarantineDirectoryName, create: true)!;
        if (Libc.RenameAt2(store, entry, quarantine, name, Libc.RENAME_NOREPLACE) != 0)
        {
            throw ErrnoException.FromLastError($"moving '{entry}' into '{SessionFileLayout.QuarantineDirectoryName}'");
        }

        return Path.Join(directory, SessionFileLayout.QuarantineDirectoryName, name);
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>
/// Where a corrupt session's file is moved aside: the hidden <c>.quarantine</c> directory, never listed, never
/// emptied by the store. An entry is the file itself, renamed to <c>&lt;id&gt;.&lt;time&gt;.&lt;random&gt;.json</c>
/// (a SessionStore 0.1 journal: <c>.journal</c>), bytes unchanged; <c>.reasons/&lt;entry&gt;</c> inside it holds why it
/// was moved (best effort: a move never fails for it), so the entry itself stays the one file of its name. Moving back out is one
/// <c>renameat2(RENAME_NOREPLACE)</c>, never over another file, never through a link; call it under the session's lock.
/// </summary>
internal static class Quarantine
{
    /// <summary>The hidden directory inside the quarantine that holds, under each entry's name, why it was moved.</summary>
    internal const string ReasonsDirectoryName = ".reasons";

    private const string TimeFormat = "yyyyMMddTHHmmssfff";
    private const int MaxReasonBytes = 4096;

    /// <summary>One entry of the quarantine.</summary>
    internal readonly record struct Entry(string Name, string SessionId, DateTime QuarantinedUtc, bool IsLegacyJournal)
    {
        /// <summary>The name the entry had in the store's directory, and gets back on a restore.</summary>
        internal string OriginalName => IsLegacyJournal ? "." + SessionId + SessionFileLayout.LegacyJournalExtension : SessionId + SessionFileLayout.SessionExtension;
    }

    internal static string DirectoryOf(string storeDirectory) => Path.Join(storeDirectory, SessionFileLayout.QuarantineDirectoryName);

    /// <summary>Moves the session's file (or whatever has its name) into quarantine, never over another file, never through a link.</summary>
    /// <returns>The file's new path.</returns>
    /// <exception cref="IOException">The move failed (carries the errno).</exception>
    internal static string Move(string directory, string sessionId, DateTimeOffset now, string reason) =>
        MoveEntry(directory, sessionId + SessionFileLayout.SessionExtension, NameFor(sessionId, now, SessionFileLayout.SessionExtension), reason);

    /// <summary>Moves a SessionStore 0.1 journal that can never be applied into quarantine, as <c>&lt;id&gt;.&lt;time&gt;.&lt;random&gt;.journal</c>.</summary>
    /// <returns>The journal's new path.</returns>
    /// <exception cref="IOException">The move failed (carries the errno).</exception>
    internal static string MoveLegacyJournal(string directory, string sessionId, DateTimeOffset now, string reason) =>
        MoveEntry(directory, "." + sessionId + SessionFileLayout.LegacyJournalExtension, NameFor(sessionId, now, SessionFileLayout.LegacyJournalExtension), reason);

    /// <summary>The entries, ordinal by id, the most recently moved first for one id; empty when there is no quarantine.</summary>
    /// <exception cref="IOException"><c>.quarantine</c> is a link or a file, or cannot be read.</exception>
    internal static List<Entry> List(string storeDirectory)
    {
        var entries = new List<Entry>();
        using (FileDescriptor? quarantine = StoreDirectory.OpenHidden(storeDirectory, SessionFileLayout.QuarantineDirectoryName, create: false))
        {
            if (quarantine is null)
            {
                return entries;
            }
        }

        foreach (string path in Directory.EnumerateFiles(DirectoryOf(storeDirectory), "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (Parse(Path.GetFileName(path)) is { } entry)
            {
                entries.Add(entry);
            }
        }

        entries.Sort(static (a, b) => string.CompareOrdinal(a.SessionId, b.SessionId) is int byId and not 0 ? byId
            : b.QuarantinedUtc.CompareTo(a.QuarantinedUtc) is int byTime and not 0 ? byTime : string.CompareOrdinal(a.Name, b.Name));
        return entries;
    }

    /// <summary>The entry a name made by this class denotes, or null for any other name.</summary>
    internal static Entry? Parse(string name)
    {
        bool journal = name.EndsWith(SessionFileLayout.LegacyJournalExtension, StringComparison.Ordinal);
        if (!journal && !name.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> stem = name.AsSpan(0, name.Length - (journal ? SessionFileLayout.LegacyJournalExtension : SessionFileLayout.SessionExtension).Length);
        int random = stem.LastIndexOf('.');
        if (random <= 0 || stem.Length - random - 1 != 8 || !uint.TryParse(stem[(random + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
        {
            return null;
        }

        stem = stem[..random];
        int time = stem.LastIndexOf('.');
        if (time <= 0 || !DateTime.TryParseExact(stem[(time + 1)..], TimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime quarantined))
        {
            return null;
        }

        string id = stem[..time].ToString();
        return SessionIdRules.IsValid(id) ? new Entry(name, id, quarantined, journal) : null;
    }

    /// <summary>What a listing shows of an entry, or null when it went away meanwhile or is not a regular file.</summary>
    internal static QuarantinedFile? Describe(string storeDirectory, Entry entry) =>
        Posix.TryStatEntry(Path.Join(DirectoryOf(storeDirectory), entry.Name), out StatxBuffer status, out _) && status.Type == StatxBuffer.RegularFile
            ? new QuarantinedFile(entry.Name, entry.SessionId, new DateTimeOffset(entry.QuarantinedUtc, TimeSpan.Zero), (long)status.Size, ReadReason(storeDirectory, entry.Name), entry.IsLegacyJournal)
            : null;

    /// <summary>Renames an entry back to the name it had unless something has that name; its reason goes.</summary>
    /// <returns>False when something has the name (nothing is changed).</returns>
    /// <exception cref="IOException">The rename failed (carries the errno).</exception>
    internal static bool MoveOut(string storeDirectory, Entry entry, bool durable)
    {
        using FileDescriptor store = Posix.TryOpen(storeDirectory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{storeDirectory}'");
        using FileDescriptor quarantine = StoreDirectory.OpenHidden(storeDirectory, SessionFileLayout.QuarantineDirectoryName, create: false)
            ?? throw ErrnoException.FromErrno(Libc.ENOENT, $"opening directory '{DirectoryOf(storeDirectory)}'");
        if (Libc.RenameAt2(quarantine, entry.Name, store, entry.OriginalName, Libc.RENAME_NOREPLACE) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            return errno == Libc.EEXIST ? false : throw ErrnoException.FromErrno(errno, $"restoring '{entry.Name}' from '{SessionFileLayout.QuarantineDirectoryName}'");
        }

        RemoveReason(storeDirectory, entry.Name);
        if (durable)
        {
            Posix.Sync(store, storeDirectory);
        }

        return true;
    }

    /// <summary>Removes an entry (and its reason) for good; false when it was gone already.</summary>
    /// <exception cref="IOException">The entry could not be removed (carries the errno).</exception>
    internal static bool Remove(string storeDirectory, Entry entry)
    {
        bool removed = StoreDirectory.RemoveFromHidden(storeDirectory, SessionFileLayout.QuarantineDirectoryName, entry.Name);
        RemoveReason(storeDirectory, entry.Name);
        return removed;
    }

    private static string NameFor(string sessionId, DateTimeOffset now, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{sessionId}.{now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}.{Random.Shared.Next():x8}{extension}");

    private static string MoveEntry(string directory, string entry, string name, string reason)
    {
        using FileDescriptor store = Posix.TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{directory}'");
        using FileDescriptor quarantine = StoreDirectory.OpenHidden(directory, SessionFileLayout.QuarantineDirectoryName, create: true)!;
        if (Libc.RenameAt2(store, entry, quarantine, name, Libc.RENAME_NOREPLACE) != 0)
        {
            throw ErrnoException.FromLastError($"moving '{entry}' into '{SessionFileLayout.QuarantineDirectoryName}'");
        }

        WriteReason(directory, name, reason);
        return Path.Join(directory, SessionFileLayout.QuarantineDirectoryName, name);
    }

    /// <summary>Records why an entry was moved; the move is done already, so a failure here only loses the record.</summary>
    private static void WriteReason(string storeDirectory, string name, string reason)
    {
        byte[] text = Encoding.UTF8.GetBytes(reason);
        try
        {
            using FileDescriptor reasons = StoreDirectory.OpenHidden(DirectoryOf(storeDirectory), ReasonsDirectoryName, create: true)!;
            using FileDescriptor? file = Posix.TryOpenAt(reasons, name, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, out _);
            if (file is not null)
            {
                Posix.WriteAt(file, text.AsSpan(0, Math.Min(text.Length, MaxReasonBytes)), 0, name);
            }
        }
        catch (IOException)
        {
        }
    }

    private static void RemoveReason(string storeDirectory, string name)
    {
        try
        {
            _ = StoreDirectory.RemoveFromHidden(DirectoryOf(storeDirectory), ReasonsDirectoryName, name);
        }
        catch (IOException)
        {
            // The entry is gone; a reason left behind names nothing and is never listed.
        }
    }

    private static string? ReadReason(string storeDirectory, string name)
    {
        try
        {
            using FileDescriptor? reasons = StoreDirectory.OpenHidden(DirectoryOf(storeDirectory), ReasonsDirectoryName, create: false);
            using FileDescriptor? file = reasons is null ? null : Posix.TryOpenAt(reasons, name, OpenFlags.ReadOnly, out _);
            if (file is null)
            {
                return null;
            }

            string path = Path.Join(DirectoryOf(storeDirectory), ReasonsDirectoryName, name);
            if (Posix.Stat(file, path).Type != StatxBuffer.RegularFile)
            {
                return null;
            }

            byte[] buffer = new byte[MaxReasonBytes];
            int read = Posix.ReadAt(file, buffer, 0, path);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

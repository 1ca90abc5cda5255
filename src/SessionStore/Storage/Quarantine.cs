using System.Globalization;
using System.Text;
using SessionStore.Interop;
using SessionStore.Storage.Platform;

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
    internal static string Move(StorePlatform platform, string directory, string sessionId, DateTimeOffset now, string reason) =>
        MoveEntry(platform, directory, sessionId + SessionFileLayout.SessionExtension, NameFor(sessionId, now, SessionFileLayout.SessionExtension), reason);

    /// <summary>Moves a SessionStore 0.1 journal that can never be applied into quarantine, as <c>&lt;id&gt;.&lt;time&gt;.&lt;random&gt;.journal</c>.</summary>
    /// <returns>The journal's new path.</returns>
    /// <exception cref="IOException">The move failed (carries the errno).</exception>
    internal static string MoveLegacyJournal(StorePlatform platform, string directory, string sessionId, DateTimeOffset now, string reason) =>
        MoveEntry(platform, directory, "." + sessionId + SessionFileLayout.LegacyJournalExtension, NameFor(sessionId, now, SessionFileLayout.LegacyJournalExtension), reason);

    /// <summary>The entries, ordinal by id, the most recently moved first for one id; empty when there is no quarantine.</summary>
    /// <exception cref="IOException"><c>.quarantine</c> is a link or a file, or cannot be read.</exception>
    internal static List<Entry> List(StorePlatform platform, string storeDirectory)
    {
        var entries = new List<Entry>();
        using (FileDescriptor? quarantine = StoreDirectory.OpenHidden(platform, storeDirectory, SessionFileLayout.QuarantineDirectoryName, create: false))
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
    internal static QuarantinedFile? Describe(StorePlatform platform, string storeDirectory, Entry entry) =>
        platform.TryStatEntry(Path.Join(DirectoryOf(storeDirectory), entry.Name), out StatxBuffer status, out _) && status.Type == StatxBuffer.RegularFile
            ? new QuarantinedFile(entry.Name, entry.SessionId, new DateTimeOffset(entry.QuarantinedUtc, TimeSpan.Zero), (long)status.Size, ReadReason(platform, storeDirectory, entry.Name), entry.IsLegacyJournal)
            : null;

    /// <summary>Renames an entry back to the name it had unless something has that name; its reason goes.</summary>
    /// <returns>False when something has the name (nothing is changed).</returns>
    /// <exception cref="IOException">The rename failed (carries the errno).</exception>
    internal static bool MoveOut(StorePlatform platform, string storeDirectory, Entry entry, bool durable)
    {
        using FileDescriptor store = platform.TryOpen(storeDirectory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{storeDirectory}'");
        using FileDescriptor quarantine = StoreDirectory.OpenHidden(platform, storeDirectory, SessionFileLayout.QuarantineDirectoryName, create: false)
            ?? throw ErrnoException.FromErrno(Errno.ENOENT, $"opening directory '{DirectoryOf(storeDirectory)}'");
        errno = platform.RenameNoReplace(quarantine, entry.Name, store, entry.OriginalName);
        if (errno != 0)
        {
            return errno == Errno.EEXIST ? false : throw ErrnoException.FromErrno(errno, $"restoring '{entry.Name}' from '{SessionFileLayout.QuarantineDirectoryName}'");
        }

        RemoveReason(platform, storeDirectory, entry.Name);
        if (durable)
        {
            platform.Sync(store, storeDirectory);
        }

        return true;
    }

    /// <summary>Removes an entry (and its reason) for good; false when it was gone already.</summary>
    /// <exception cref="IOException">The entry could not be removed (carries the errno).</exception>
    internal static bool Remove(StorePlatform platform, string storeDirectory, Entry entry)
    {
        bool removed = StoreDirectory.RemoveFromHidden(platform, storeDirectory, SessionFileLayout.QuarantineDirectoryName, entry.Name);
        RemoveReason(platform, storeDirectory, entry.Name);
        return removed;
    }

    private static string NameFor(string sessionId, DateTimeOffset now, string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"{sessionId}.{now.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)}.{Random.Shared.Next():x8}{extension}");

    private static string MoveEntry(StorePlatform platform, string directory, string entry, string name, string reason)
    {
        using FileDescriptor store = platform.TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{directory}'");
        using FileDescriptor quarantine = StoreDirectory.OpenHidden(platform, directory, SessionFileLayout.QuarantineDirectoryName, create: true)!;
        errno = platform.RenameNoReplace(store, entry, quarantine, name);
        if (errno != 0)
        {
            throw ErrnoException.FromErrno(errno, $"moving '{entry}' into '{SessionFileLayout.QuarantineDirectoryName}'");
        }

        WriteReason(platform, directory, name, reason);
        return Path.Join(directory, SessionFileLayout.QuarantineDirectoryName, name);
    }

    /// <summary>Records why an entry was moved; the move is done already, so a failure here only loses the record.</summary>
    private static void WriteReason(StorePlatform platform, string storeDirectory, string name, string reason)
    {
        byte[] text = Encoding.UTF8.GetBytes(reason);
        try
        {
            using FileDescriptor reasons = StoreDirectory.OpenHidden(platform, DirectoryOf(storeDirectory), ReasonsDirectoryName, create: true)!;
            using FileDescriptor? file = platform.TryOpenAt(reasons, name, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, out _);
            if (file is not null)
            {
                platform.WriteAt(file, text.AsSpan(0, Math.Min(text.Length, MaxReasonBytes)), 0, name);
            }
        }
        catch (IOException)
        {
        }
    }

    private static void RemoveReason(StorePlatform platform, string storeDirectory, string name)
    {
        try
        {
            _ = StoreDirectory.RemoveFromHidden(platform, DirectoryOf(storeDirectory), ReasonsDirectoryName, name);
        }
        catch (IOException)
        {
            // The entry is gone; a reason left behind names nothing and is never listed.
        }
    }

    private static string? ReadReason(StorePlatform platform, string storeDirectory, string name)
    {
        try
        {
            using FileDescriptor? reasons = StoreDirectory.OpenHidden(platform, DirectoryOf(storeDirectory), ReasonsDirectoryName, create: false);
            using FileDescriptor? file = reasons is null ? null : platform.TryOpenAt(reasons, name, OpenFlags.ReadOnly, out _);
            if (file is null)
            {
                return null;
            }

            string path = Path.Join(DirectoryOf(storeDirectory), ReasonsDirectoryName, name);
            if (platform.Stat(file, path).Type != StatxBuffer.RegularFile)
            {
                return null;
            }

            byte[] buffer = new byte[MaxReasonBytes];
            int read = platform.ReadAt(file, buffer, 0, path);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

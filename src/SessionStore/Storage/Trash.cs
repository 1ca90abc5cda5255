using System.Diagnostics;
using System.Globalization;
using SessionStore.Interop;
using SessionStore.Storage.Platform;

namespace SessionStore.Storage;

/// <summary>
/// The hidden <c>.trash</c> directory of a store: pruned sessions wait there, never listed with the
/// sessions, until they are restored or the trash is emptied. An entry is the session's file itself,
/// renamed to <c>&lt;id&gt;~&lt;ticks&gt;~&lt;sequence&gt;.json</c> (the id, when it was trashed by the store's
/// clock, and the machine's monotonic clock in hex; <c>~</c> never occurs in an id). The sequence orders two
/// entries of one id that carry the same time (a frozen or coarse clock): moves of one id run under its
/// lock, one after the other, so the later one always has the larger sequence. Moving in and out is one <c>renameat2(RENAME_NOREPLACE)</c>
/// between the two open directories: never over another file (so a restore never overwrites), never
/// through a link, and the file keeps its bytes and its last write time. Call both under the session's lock.
/// </summary>
internal static class Trash
{
    internal const string DirectoryName = ".trash";
    private const char Separator = '~';

    /// <summary>One file in the trash.</summary>
    internal readonly record struct Entry(string Path, string SessionId, DateTime TrashedUtc, ulong Sequence)
    {
        internal string Name => System.IO.Path.GetFileName(Path);
    }

    internal static string DirectoryOf(string storeDirectory) => Path.Join(storeDirectory, DirectoryName);

    /// <summary>The entries, ordinal by id, the most recently trashed first for one id; empty when there is no trash.</summary>
    /// <exception cref="IOException"><c>.trash</c> is a link or a file, or cannot be read.</exception>
    internal static List<Entry> List(StorePlatform platform, string storeDirectory)
    {
        var entries = new List<Entry>();
        using (FileDescriptor? trash = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: false))
        {
            if (trash is null)
            {
                return entries;
            }
        }

        foreach (string path in Directory.EnumerateFiles(DirectoryOf(storeDirectory), "*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (Parse(path) is { } entry)
            {
                entries.Add(entry);
            }
        }

        entries.Sort(static (a, b) =>
        {
            int byId = string.CompareOrdinal(a.SessionId, b.SessionId);
            int byTime = b.TrashedUtc.CompareTo(a.TrashedUtc);
            return byId != 0 ? byId : byTime != 0 ? byTime : b.Sequence.CompareTo(a.Sequence);
        });
        return entries;
    }

    /// <summary>What a listing shows of an entry, or null when it went away meanwhile or is not a regular file.</summary>
    internal static TrashedSession? Describe(StorePlatform platform, Entry entry) =>
        platform.TryStatEntry(entry.Path, out StatxBuffer status, out _) && status.Type == StatxBuffer.RegularFile
            ? new TrashedSession(entry.SessionId, new DateTimeOffset(entry.TrashedUtc, TimeSpan.Zero), status.LastWriteTime, (long)status.Size)
            : null;

    /// <summary>Renames a session's file into the trash under a fresh name.</summary>
    /// <returns>False when the session's file was not there.</returns>
    /// <exception cref="IOException">The rename failed (carries the errno).</exception>
    internal static bool MoveIn(StorePlatform platform, string storeDirectory, string sessionId, DateTime trashedUtc, bool durable)
    {
        string name = string.Create(CultureInfo.InvariantCulture,
            $"{sessionId}{Separator}{trashedUtc.Ticks:D19}{Separator}{Stopwatch.GetTimestamp():x16}{SessionFileLayout.SessionExtension}");
        return Rename(platform, storeDirectory, toTrash: true, sessionId + SessionFileLayout.SessionExtension, name, durable);
    }

    /// <summary>Renames an entry back to the session's file name unless something has that name.</summary>
    /// <returns>False when something has the session's name (nothing is changed).</returns>
    /// <exception cref="IOException">The rename failed (carries the errno).</exception>
    internal static bool MoveOut(StorePlatform platform, string storeDirectory, Entry entry, bool durable) =>
        Rename(platform, storeDirectory, toTrash: false, entry.Name, entry.SessionId + SessionFileLayout.SessionExtension, durable);

    /// <summary>Removes an entry for good; false when it was gone already.</summary>
    /// <exception cref="IOException">The entry could not be removed (carries the errno).</exception>
    internal static bool Remove(StorePlatform platform, string storeDirectory, Entry entry) => StoreDirectory.RemoveFromHidden(platform, storeDirectory, DirectoryName, entry.Name);

    private static bool Rename(StorePlatform platform, string storeDirectory, bool toTrash, string from, string to, bool durable)
    {
        using FileDescriptor store = platform.TryOpen(storeDirectory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"opening directory '{storeDirectory}'");
        using FileDescriptor trash = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: true)!;
        errno = toTrash
            ? platform.RenameNoReplace(store, from, trash, to)
            : platform.RenameNoReplace(trash, from, store, to);
        if (errno != 0)
        {
            return errno == (toTrash ? Errno.ENOENT : Errno.EEXIST)
                ? false
                : throw ErrnoException.FromErrno(errno, toTrash ? $"moving '{from}' into '{DirectoryName}'" : $"restoring '{from}' from '{DirectoryName}'");
        }

        if (durable)
        {
            platform.Sync(trash, DirectoryOf(storeDirectory));
            platform.Sync(store, storeDirectory);
        }

        return true;
    }

    private static Entry? Parse(string path)
    {
        ReadOnlySpan<char> name = Path.GetFileName(path.AsSpan());
        if (!name.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal))
        {
            return null;
        }

        name = name[..^SessionFileLayout.SessionExtension.Length];
        int last = name.LastIndexOf(Separator);
        if (last <= 0 || !ulong.TryParse(name[(last + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong sequence))
        {
            return null;
        }

        ReadOnlySpan<char> head = name[..last];
        int middle = head.LastIndexOf(Separator);
        if (middle <= 0 ||
            !long.TryParse(head[(middle + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) ||
            ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        string id = head[..middle].ToString();
        return SessionIdRules.IsValid(id) ? new Entry(path, id, new DateTime(ticks, DateTimeKind.Utc), sequence) : null;
    }
}

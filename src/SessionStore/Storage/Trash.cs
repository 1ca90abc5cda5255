using System.Globalization;
using System.Runtime.InteropServices;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>
/// The hidden <c>.trash</c> directory of a store: pruned sessions wait there, never listed with the
/// sessions, until they are restored or the trash is emptied. An entry is the session's file itself,
/// renamed to <c>&lt;id&gt;~&lt;ticks&gt;~&lt;random&gt;.json</c> (the id, when it was trashed, and a
/// tiebreak; <c>~</c> never occurs in an id). Moving in is one <c>rename</c> onto a fresh name; moving
/// out is one <c>link</c> (which fails if the session exists again, so a restore never overwrites) and
/// an <c>unlink</c> of the entry. Both keep the file's bytes and its last write time.
/// </summary>
internal static class Trash
{
    internal const string DirectoryName = ".trash";
    private const char Separator = '~';

    /// <summary>One file in the trash.</summary>
    internal readonly record struct Entry(string Path, string SessionId, DateTime TrashedUtc);

    internal static string DirectoryOf(string storeDirectory) => Path.Join(storeDirectory, DirectoryName);

    internal static string NewEntryPath(string storeDirectory, string sessionId, DateTime trashedUtc) =>
        Path.Join(DirectoryOf(storeDirectory), string.Create(CultureInfo.InvariantCulture,
            $"{sessionId}{Separator}{trashedUtc.Ticks:D19}{Separator}{Random.Shared.Next():x8}{SessionFileLayout.SessionExtension}"));

    /// <summary>The entries, ordinal by id, the most recently trashed first for one id; empty when there is no trash.</summary>
    internal static List<Entry> List(string storeDirectory)
    {
        var entries = new List<Entry>();
        string directory = DirectoryOf(storeDirectory);
        if (!Directory.Exists(directory))
        {
            return entries;
        }

        foreach (string path in Directory.EnumerateFiles(directory))
        {
            if (Parse(path) is { } entry)
            {
                entries.Add(entry);
            }
        }

        entries.Sort(static (a, b) =>
        {
            int byId = string.CompareOrdinal(a.SessionId, b.SessionId);
            return byId != 0 ? byId : b.TrashedUtc.CompareTo(a.TrashedUtc);
        });
        return entries;
    }

    /// <summary>What a listing shows of an entry, or null when it went away meanwhile.</summary>
    internal static TrashedSession? Describe(Entry entry)
    {
        var info = new FileInfo(entry.Path);
        return info.Exists
            ? new TrashedSession(entry.SessionId, new DateTimeOffset(entry.TrashedUtc, TimeSpan.Zero), new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero), info.Length)
            : null;
    }

    /// <summary>Renames a session's file into the trash; <paramref name="entryPath"/> is fresh, so nothing is replaced.</summary>
    internal static void MoveIn(string storeDirectory, string sessionPath, string entryPath, bool durable)
    {
        StoreDirectory.Ensure(DirectoryOf(storeDirectory), durable);
        File.Move(sessionPath, entryPath, overwrite: true);
        if (durable)
        {
            DirectorySync.Flush(DirectoryOf(storeDirectory));
            DirectorySync.Flush(storeDirectory);
        }
    }

    /// <summary>Moves an entry back to <paramref name="sessionPath"/> unless something is there; false when something is.</summary>
    internal static bool MoveOut(string storeDirectory, Entry entry, string sessionPath, bool durable)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(entry.Path, sessionPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(sessionPath) || Directory.Exists(sessionPath))
            {
                return false;
            }
        }
        else
        {
            if (Libc.Link(entry.Path, sessionPath) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == Libc.EEXIST ? false : throw ErrnoException.FromErrno(errno, $"restoring '{entry.Path}' to '{sessionPath}'");
            }

            // Until this unlink the session is both restored and in the trash: a crash here loses nothing.
            if (Libc.Unlink(entry.Path) != 0 && Marshal.GetLastPInvokeError() is int unlinkErrno and not Libc.ENOENT)
            {
                throw ErrnoException.FromErrno(unlinkErrno, $"removing '{entry.Path}' from the trash");
            }
        }

        if (durable)
        {
            DirectorySync.Flush(storeDirectory);
            DirectorySync.Flush(DirectoryOf(storeDirectory));
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
        if (last <= 0)
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
        return SessionIdRules.IsValid(id) ? new Entry(path, id, new DateTime(ticks, DateTimeKind.Utc)) : null;
    }
}

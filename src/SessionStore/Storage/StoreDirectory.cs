using System.IO.Enumeration;
using SessionStore.Buffers;
using SessionStore.Interop;
using SessionStore.Storage.Platform;

namespace SessionStore.Storage;

/// <summary>
/// The store's directory and the hidden directories inside it: created private (0700 whatever the
/// umask, parents included), refused for writing when another user can write it, opened without
/// following links, listed without touching anything.
/// </summary>
internal static class StoreDirectory
{
    private const uint OwnerOnly = 0x1C0;        // 0700
    private const ushort WorldWritable = 0x2;    // 0002
    private const ushort GroupWritable = 0x10;   // 0020

    /// <summary>Creates the directory and any missing parent, each 0700; with <paramref name="durable"/>, makes each creation durable.</summary>
    internal static void Ensure(StorePlatform platform, string directory, bool durable)
    {
        if (platform.TryStat(directory, out StatxBuffer status, out _))
        {
            ThrowIfNotDirectory(directory, status);
            return;
        }

        if (Path.GetDirectoryName(directory) is { Length: > 0 } parent && parent != directory)
        {
            Ensure(platform, parent, durable);
        }

        if (platform.Mkdir(directory, OwnerOnly) is not 0 and int errno)
        {
            if (errno == Errno.EEXIST)
            {
                return;
            }

            throw ErrnoException.FromErrno(errno, $"creating directory '{directory}'");
        }

        // mkdir's mode is masked by the umask; a directory we create is 0700 exactly.
        using (FileDescriptor created = platform.TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int openErrno)
            ?? throw ErrnoException.FromErrno(openErrno, $"opening directory '{directory}'"))
        {
            platform.ChangeMode(created, OwnerOnly, directory);
        }

        if (durable && Path.GetDirectoryName(directory) is { Length: > 0 } flushed)
        {
            platform.SyncDirectory(flushed);
        }
    }

    /// <summary>
    /// Why the store must not write in <paramref name="directory"/>, or null when it may: another user
    /// can write it (it is world-writable, or owned by someone else), so files could be planted or
    /// swapped under the store. A missing directory is fine (the store creates it private).
    /// </summary>
    internal static string? WhyUnsafeForWriting(StorePlatform platform, string directory) =>
        platform.TryStat(directory, out StatxBuffer status, out _) ? WhyUnsafeForWriting(platform, status) : null;

    /// <summary>
    /// Makes sure the store may write in <paramref name="directory"/> and that it exists, with one
    /// <c>statx</c> when it does (see <see cref="WhyUnsafeForWriting(StorePlatform, string)"/> and <see cref="Ensure"/>).
    /// </summary>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory.</exception>
    /// <exception cref="IOException">It is not a directory, or it cannot be created (carries the errno).</exception>
    internal static void EnsureWritable(StorePlatform platform, string directory, bool durable, bool allowShared)
    {
        if (!platform.TryStat(directory, out StatxBuffer status, out _))
        {
            Ensure(platform, directory, durable);
            return;
        }

        if (!allowShared && WhyUnsafeForWriting(platform, status) is { } reason)
        {
            throw new UnsafeSessionDirectoryException(directory, reason);
        }

        ThrowIfNotDirectory(directory, status);
    }

    private static void ThrowIfNotDirectory(string directory, StatxBuffer status)
    {
        if (status.Type != StatxBuffer.Directory)
        {
            throw new IOException($"'{directory}' is {StorePlatform.Describe(status.Type)}, not a directory", Errno.ENOTDIR);
        }
    }

    private static string? WhyUnsafeForWriting(StorePlatform platform, StatxBuffer status)
    {
        if ((status.Mode & WorldWritable) != 0)
        {
            return "it is world-writable (mode " + Convert.ToString(status.Mode & 0xFFF, 8) + "), so any user could plant or swap files in it";
        }

        // Where the platform cannot say who this process is (Windows), only the mode is checked (docs/reliability.md).
        return platform.EffectiveUserId is { } me && status.Uid != me
            ? $"it is owned by another user (uid {status.Uid}; this process runs as uid {me}), who could plant or swap files in it"
            : null;
    }

    /// <summary>Whether this process may create and remove entries in <paramref name="directory"/> (its effective ids; a read-only mount is read-only).</summary>
    internal static bool IsWritable(StorePlatform platform, string directory) => platform.IsWritable(directory);

    /// <summary>Whether users of the directory's group can write it (allowed, but <c>Check</c> reports it).</summary>
    internal static bool IsGroupWritable(StorePlatform platform, string directory) =>
        platform.TryStat(directory, out StatxBuffer status, out _) && (status.Mode & GroupWritable) != 0;

    /// <summary>
    /// Opens a hidden directory of the store (<c>.locks</c>, <c>.quarantine</c>), creating it 0700 when
    /// <paramref name="create"/>; a link or a file in its place is refused, never followed.
    /// </summary>
    /// <returns>The open directory, or null when it does not exist and <paramref name="create"/> is false.</returns>
    internal static FileDescriptor? OpenHidden(StorePlatform platform, string directory, string name, bool create)
    {
        // Usually it is there: one open, which refuses a link in its place as openat below does.
        if (platform.TryOpen(Path.Join(directory, name), OpenFlags.ReadOnly | OpenFlags.Directory, out _) is { } direct)
        {
            return direct;
        }

        using FileDescriptor parent = platform.TryOpen(directory, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno)
            ?? (errno == Errno.ENOENT && !create ? null : throw ErrnoException.FromErrno(errno, $"opening directory '{directory}'"))!;
        if (parent is null)
        {
            return null;
        }

        FileDescriptor? hidden = platform.TryOpenAt(parent, name, OpenFlags.ReadOnly | OpenFlags.Directory, out errno);
        if (hidden is null && errno == Errno.ENOENT && create)
        {
            if (platform.MkdirAt(parent, name, OwnerOnly) is not (0 or Errno.EEXIST) and int mkdirErrno)
            {
                throw ErrnoException.FromErrno(mkdirErrno, $"creating directory '{Path.Join(directory, name)}'");
            }

            hidden = platform.TryOpenAt(parent, name, OpenFlags.ReadOnly | OpenFlags.Directory, out errno);
            if (hidden is not null)
            {
                platform.ChangeMode(hidden, OwnerOnly, Path.Join(directory, name));
            }
        }

        return hidden ?? errno switch
        {
            Errno.ENOENT when !create => null,
            Errno.ELOOP or Errno.ENOTDIR => throw new IOException($"'{Path.Join(directory, name)}' is a link or a file, not the store's own directory; it is never followed", errno),
            _ => throw ErrnoException.FromErrno(errno, $"opening directory '{Path.Join(directory, name)}'"),
        };
    }

    /// <summary>Removes <paramref name="name"/> from a hidden directory of the store; false when either is not there.</summary>
    /// <exception cref="IOException">The hidden directory is a link or a file, or the entry could not be removed (carries the errno).</exception>
    internal static bool RemoveFromHidden(StorePlatform platform, string directory, string hidden, string name)
    {
        using FileDescriptor? opened = OpenHidden(platform, directory, hidden, create: false);
        if (opened is null)
        {
            return false;
        }

        int errno = platform.UnlinkAt(opened, name);
        if (errno == 0)
        {
            return true;
        }

        return errno == Errno.ENOENT ? false : throw ErrnoException.FromErrno(errno, $"removing '{Path.Join(directory, hidden, name)}'");
    }

    /// <summary>The ids of the sessions in the directory, ordinal-sorted; empty when it is missing. Nothing is changed.</summary>
    internal static string[] ListSessionIds(string directory)
    {
        // Ids collect in pooled buffers and land in one exact-size array: a growing List<string> of
        // 100,000 ids leaves ~2 MB of large-object garbage per call, and gen2 collections with it.
        var ids = new PooledList<string>();
        try
        {
            var entries = new FileSystemEnumerable<string?>(
                directory,
                static (ref FileSystemEntry entry) => SessionFileLayout.SessionIdFromFileName(entry.FileName),
                new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 })
            {
                ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory,
            };

            foreach (string? sessionId in entries)
            {
                if (sessionId is not null)
                {
                    ids.Add(sessionId);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            ids.Dispose();
            return [];
        }

        string[] sorted = ids.ToArrayAndDispose();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>Every entry of the directory that is not a session's file, with what it is.</summary>
    internal static List<(string Path, SessionFileLayout.EntryKind Kind)> ListOtherEntries(StorePlatform platform, string directory)
    {
        var others = new List<(string, SessionFileLayout.EntryKind)>();
        if (!Directory.Exists(directory))
        {
            return others;
        }

        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (string path in Directory.EnumerateFileSystemEntries(directory, "*", options))
        {
            bool isDirectory = platform.TryStatEntry(path, out StatxBuffer status, out _) && status.Type == StatxBuffer.Directory;
            SessionFileLayout.EntryKind kind = SessionFileLayout.Classify(Path.GetFileName(path.AsSpan()), isDirectory);
            if (kind != SessionFileLayout.EntryKind.Session)
            {
                others.Add((path, kind));
            }
        }

        return others;
    }
}

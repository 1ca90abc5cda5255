using SessionStore.Interop;
using SessionStore.Storage.Platform;

namespace SessionStore.Storage;

/// <summary>
/// The hidden <c>.meta</c> directory of a store: one small JSON file per session with caller-set metadata (title, tags,
/// owner, agent, fields), so that an index, a cache, can always be rebuilt without losing what a caller set. Written
/// atomically under the session's lock; removed with the session; moved aside with it to the trash
/// (<c>&lt;id&gt;~trashed.json</c>: <c>~</c> never occurs in an id) and back on a restore. Opened like the store's other
/// hidden directories: a link in its place is refused, never followed.
/// </summary>
internal static class MetadataFiles
{
    internal const string DirectoryName = ".meta";
    private const string Extension = ".json";
    private const string TrashedSuffix = "~trashed.json";

    internal static string PathOf(string storeDirectory, string sessionId) => Path.Join(storeDirectory, DirectoryName, sessionId + Extension);

    /// <summary>The file's bytes, or null when there is none.</summary>
    /// <exception cref="IOException"><c>.meta</c> is a link or a file, or the file could not be read.</exception>
    internal static byte[]? Read(StorePlatform platform, string storeDirectory, string sessionId)
    {
        using FileDescriptor? meta = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: false);
        if (meta is null)
        {
            return null;
        }

        string path = PathOf(storeDirectory, sessionId);
        using FileDescriptor? file = platform.TryOpenAt(meta, sessionId + Extension, OpenFlags.ReadOnly, out int errno);
        if (file is null)
        {
            return errno is Errno.ENOENT ? null : throw ErrnoException.FromErrno(errno, $"opening '{path}'");
        }

        StatxBuffer status = platform.Stat(file, path);
        if (status.Type != StatxBuffer.RegularFile || status.Size > 1024 * 1024)
        {
            return null;
        }

        byte[] bytes = new byte[(int)status.Size];
        int read = platform.ReadAt(file, bytes, 0, path);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>Replaces the file atomically (temp file, fsync, rename, directory fsync when durable); empty content removes it. Call under the session's lock.</summary>
    /// <exception cref="IOException">It could not be written (carries the errno).</exception>
    internal static void Write(StorePlatform platform, string storeDirectory, string sessionId, ReadOnlySpan<byte> content, bool durable)
    {
        if (content.IsEmpty)
        {
            _ = Remove(platform, storeDirectory, sessionId);
            return;
        }

        using FileDescriptor meta = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: true)!;
        string directory = Path.Join(storeDirectory, DirectoryName);
        string temp = SessionFileLayout.TempName(sessionId);
        using (FileDescriptor file = platform.TryOpenAt(meta, temp, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, out int errno)
            ?? throw ErrnoException.FromErrno(errno, $"creating '{Path.Join(directory, temp)}'"))
        {
            try
            {
                platform.WriteAt(file, content, 0, Path.Join(directory, temp));
                if (durable)
                {
                    platform.Sync(file, Path.Join(directory, temp));
                }
            }
            catch
            {
                _ = platform.UnlinkAt(meta, temp);
                throw;
            }
        }

        if (platform.RenameAt(meta, temp, sessionId + Extension) is int renameErrno and not 0)
        {
            _ = platform.UnlinkAt(meta, temp);
            throw ErrnoException.FromErrno(renameErrno, $"renaming '{temp}' to '{PathOf(storeDirectory, sessionId)}'");
        }

        if (durable)
        {
            platform.Sync(meta, directory);
        }
    }

    /// <summary>Removes the session's file; false when there was none. Call under the session's lock.</summary>
    internal static bool Remove(StorePlatform platform, string storeDirectory, string sessionId) => StoreDirectory.RemoveFromHidden(platform, storeDirectory, DirectoryName, sessionId + Extension);

    /// <summary>Moves the session's file aside as it goes to the trash (replacing an older one aside). Call under the session's lock.</summary>
    internal static void MoveToTrash(StorePlatform platform, string storeDirectory, string sessionId) => Move(platform, storeDirectory, sessionId + Extension, sessionId + TrashedSuffix);

    /// <summary>Moves the file set aside back as the session comes back from the trash. Call under the session's lock.</summary>
    internal static void Restore(StorePlatform platform, string storeDirectory, string sessionId) => Move(platform, storeDirectory, sessionId + TrashedSuffix, sessionId + Extension);

    /// <summary>The ids with a file, ordinal-sorted.</summary>
    /// <exception cref="IOException"><c>.meta</c> is a link or a file, or cannot be read.</exception>
    internal static string[] List(StorePlatform platform, string storeDirectory)
    {
        using (FileDescriptor? meta = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: false))
        {
            if (meta is null)
            {
                return [];
            }
        }

        string[] ids = Directory.EnumerateFiles(Path.Join(storeDirectory, DirectoryName), "*" + Extension)
            .Select(static path => Path.GetFileNameWithoutExtension(path))
            .Where(SessionIdRules.IsValid).ToArray()!;
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }

    private static void Move(StorePlatform platform, string storeDirectory, string from, string to)
    {
        using FileDescriptor? meta = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: false);
        if (meta is null)
        {
            return;
        }

        if (platform.RenameAt(meta, from, to) is int errno and not 0 and not Errno.ENOENT)
        {
            throw ErrnoException.FromErrno(errno, $"renaming '{Path.Join(storeDirectory, DirectoryName, from)}'");
        }
    }
}

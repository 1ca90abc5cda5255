using SessionStore.Interop;
using SessionStore.Storage.Platform;

namespace SessionStore.Storage;

/// <summary>
/// The hidden <c>.pins</c> directory of a store: one empty file per pinned id, so a pin is created and
/// removed atomically without rewriting anything shared, and a copy of the store's directory keeps it.
/// Opened like the store's other hidden directories: a link in its place is refused, never followed.
/// </summary>
internal static class Pins
{
    internal const string DirectoryName = ".pins";

    internal static string PathOf(string storeDirectory, string sessionId) => Path.Join(storeDirectory, DirectoryName, sessionId);

    internal static bool IsPinned(StorePlatform platform, string storeDirectory, string sessionId)
    {
        using FileDescriptor? pins = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: false);
        return pins is not null && platform.TryStatEntry(PathOf(storeDirectory, sessionId), out StatxBuffer status, out _) && status.Type == StatxBuffer.RegularFile;
    }

    /// <returns>Whether this call created the pin.</returns>
    /// <exception cref="IOException">The pin could not be created (carries the errno).</exception>
    internal static bool Add(StorePlatform platform, string storeDirectory, string sessionId, bool durable)
    {
        using FileDescriptor pins = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: true)!;
        using FileDescriptor? pin = platform.TryOpenAt(pins, sessionId, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, out int errno);
        if (pin is null)
        {
            return errno == Errno.EEXIST ? false : throw ErrnoException.FromErrno(errno, $"creating '{PathOf(storeDirectory, sessionId)}'");
        }

        if (durable)
        {
            platform.Sync(pins, Path.Join(storeDirectory, DirectoryName));
        }

        return true;
    }

    /// <returns>Whether this call removed the pin.</returns>
    /// <exception cref="IOException">The pin is there but could not be removed (carries the errno).</exception>
    internal static bool Remove(StorePlatform platform, string storeDirectory, string sessionId) => StoreDirectory.RemoveFromHidden(platform, storeDirectory, DirectoryName, sessionId);

    /// <summary>The pinned ids, ordinal-sorted.</summary>
    /// <exception cref="IOException"><c>.pins</c> is a link or a file, or cannot be read.</exception>
    internal static string[] List(StorePlatform platform, string storeDirectory)
    {
        using (FileDescriptor? pins = StoreDirectory.OpenHidden(platform, storeDirectory, DirectoryName, create: false))
        {
            if (pins is null)
            {
                return [];
            }
        }

        string[] ids = Directory.EnumerateFiles(Path.Join(storeDirectory, DirectoryName)).Select(Path.GetFileName).Where(SessionIdRules.IsValid).ToArray()!;
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }
}

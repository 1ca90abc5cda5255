namespace SessionStore.Storage;

/// <summary>
/// The hidden <c>.pins</c> directory of a store: one empty file per pinned id, so a pin is created and
/// removed atomically without rewriting anything shared, and a copy of the store's directory keeps it.
/// </summary>
internal static class Pins
{
    internal const string DirectoryName = ".pins";

    internal static string DirectoryOf(string storeDirectory) => Path.Join(storeDirectory, DirectoryName);

    internal static string PathOf(string storeDirectory, string sessionId) => Path.Join(storeDirectory, DirectoryName, sessionId);

    internal static bool IsPinned(string storeDirectory, string sessionId) => File.Exists(PathOf(storeDirectory, sessionId));

    /// <returns>Whether this call created the pin.</returns>
    internal static bool Add(string storeDirectory, string sessionId, bool durable)
    {
        StoreDirectory.Ensure(DirectoryOf(storeDirectory), durable);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var pin = new FileStream(PathOf(storeDirectory, sessionId), options);
        }
        catch (IOException) when (File.Exists(PathOf(storeDirectory, sessionId)))
        {
            return false;
        }

        if (durable)
        {
            DirectorySync.Flush(DirectoryOf(storeDirectory));
        }

        return true;
    }

    /// <returns>Whether this call removed the pin.</returns>
    internal static bool Remove(string storeDirectory, string sessionId) =>
        SessionFileRemover.Remove(DirectoryOf(storeDirectory), sessionId, PathOf(storeDirectory, sessionId));

    /// <summary>The pinned ids, ordinal-sorted.</summary>
    internal static string[] List(string storeDirectory)
    {
        string directory = DirectoryOf(storeDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        string[] ids = Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(SessionIdRules.IsValid).ToArray()!;
        Array.Sort(ids, StringComparer.Ordinal);
        return ids;
    }
}

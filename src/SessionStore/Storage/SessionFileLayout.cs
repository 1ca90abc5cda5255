using System.Globalization;

namespace SessionStore.Storage;

/// <summary>
/// The names of the files a store keeps in its directory. A session lives in <c>&lt;id&gt;.json</c>;
/// a save in flight writes <c>.&lt;id&gt;.&lt;random&gt;.tmp</c>, which is hidden, never ends in
/// <c>.json</c> and so is never listed; a delete on Windows renames to a <c>.tombstone</c> name first.
/// Locks live in the hidden <c>.locks</c> directory: a fixed set of files that sessions hash onto.
/// </summary>
internal static class SessionFileLayout
{
    /// <summary>The number of lock files. Every process must agree on it, so it is a constant, not an option.</summary>
    internal const int LockStripes = 64;
    internal const string LockDirectoryName = ".locks";
    internal const string SessionExtension = ".json";
    internal const string TempExtension = ".tmp";
    internal const string TombstoneExtension = ".tombstone";

    internal static string SessionPath(string directory, string sessionId) =>
        Path.Join(directory, sessionId + SessionExtension);

    internal static string TempPath(string directory, string sessionId) =>
        Path.Join(directory, string.Concat(".", sessionId, ".", RandomSuffix(), TempExtension));

    internal static string TombstonePath(string directory, string sessionId) =>
        Path.Join(directory, string.Concat(".", sessionId, ".", RandomSuffix(), TombstoneExtension));

    internal const string JournalExtension = ".journal";

    internal static string JournalPath(string directory, string sessionId) =>
        Path.Join(directory, string.Concat(".", sessionId, JournalExtension));

    internal static string LockDirectory(string directory) => Path.Join(directory, LockDirectoryName);

    /// <summary>The lock file of a session. Ids that differ only in case share one, as they share a file on case-insensitive file systems.</summary>
    internal static string LockPath(string directory, string sessionId)
    {
        uint hash = 2166136261;
        foreach (char c in sessionId)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
        }

        return Path.Join(directory, LockDirectoryName, (hash % LockStripes).ToString("x2", CultureInfo.InvariantCulture) + ".lock");
    }

    /// <summary>Returns the session id a file name stands for, or null when it is not a session's file.</summary>
    internal static string? SessionIdFromFileName(ReadOnlySpan<char> fileName)
    {
        if (!fileName.EndsWith(SessionExtension, StringComparison.Ordinal))
        {
            return null;
        }

        string id = fileName[..^SessionExtension.Length].ToString();
        return SessionIdRules.IsValid(id) ? id : null;
    }

    /// <summary>Whether a file name is one the store leaves behind only when a process dies mid-operation.</summary>
    internal static bool IsLeftover(ReadOnlySpan<char> fileName) =>
        fileName.StartsWith('.') &&
        (fileName.EndsWith(TempExtension, StringComparison.Ordinal) || fileName.EndsWith(TombstoneExtension, StringComparison.Ordinal));

    private static string RandomSuffix() => Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture);
}

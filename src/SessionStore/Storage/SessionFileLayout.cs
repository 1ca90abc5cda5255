using System.Globalization;

namespace SessionStore.Storage;

/// <summary>
/// The names of the entries a store keeps in its directory. A session lives in <c>&lt;id&gt;.json</c>,
/// and that file is the whole session. A save in flight writes <c>.&lt;id&gt;.&lt;16 hex&gt;.tmp</c>,
/// hidden and never listed. The hidden <c>.locks</c> directory holds a fixed set of lock files that
/// sessions hash onto; each also holds its stripe's append intent while an append is in flight.
/// Corrupt files are moved into the hidden <c>.quarantine</c> directory, pruned ones into
/// <c>.trash</c> (<see cref="Trash"/>); <c>.pins</c> holds the pinned ids (<see cref="Pins"/>).
/// </summary>
internal static class SessionFileLayout
{
    /// <summary>The number of lock files. Every process must agree on it, so it is a constant, not an option.</summary>
    internal const int LockStripes = 64;
    internal const string LockDirectoryName = ".locks";
    internal const string QuarantineDirectoryName = ".quarantine";

    /// <summary>Where an index (<see cref="FileSessionIndex"/>) keeps its files: a cache of the sessions, never listed with them.</summary>
    internal const string IndexDirectoryName = ".index";
    internal const string SessionExtension = ".json";
    internal const string TempExtension = ".tmp";
    internal const string LegacyJournalExtension = ".journal";
    private const int TempSuffixLength = 16;
    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>What an entry of the store's directory is.</summary>
    internal enum EntryKind
    {
        Session,
        StoreDirectory,
        Leftover,
        LegacyJournal,
        ForeignJson,
        ForeignDirectory,
        Foreign,
    }

    internal static string SessionPath(string directory, string sessionId) =>
        Path.Join(directory, sessionId + SessionExtension);

    internal static string TempName(string sessionId) =>
        string.Concat(".", sessionId, ".", Random.Shared.NextInt64().ToString("x16", CultureInfo.InvariantCulture), TempExtension);

    internal static string LockDirectory(string directory) => Path.Join(directory, LockDirectoryName);

    /// <summary>The lock file of a session. Ids that differ only in case share one, as they share a file on case-insensitive file systems.</summary>
    internal static string LockFileName(string sessionId)
    {
        uint hash = 2166136261;
        foreach (char c in sessionId)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 16777619;
        }

        return (hash % LockStripes).ToString("x2", CultureInfo.InvariantCulture) + ".lock";
    }

    internal static string LockPath(string directory, string sessionId) => Path.Join(directory, LockDirectoryName, LockFileName(sessionId));

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

    /// <summary>The session a temp file name of this store belongs to (<c>.&lt;id&gt;.&lt;16 hex&gt;.tmp</c>), or null for any other name.</summary>
    internal static string? LeftoverSessionId(ReadOnlySpan<char> fileName)
    {
        if (!fileName.StartsWith('.') || !fileName.EndsWith(TempExtension, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> middle = fileName[1..^TempExtension.Length];
        int dot = middle.LastIndexOf('.');
        if (dot < 0 || middle.Length - dot - 1 != TempSuffixLength || middle[(dot + 1)..].ContainsAnyExcept(LowerHex))
        {
            return null;
        }

        string id = middle[..dot].ToString();
        return SessionIdRules.IsValid(id) ? id : null;
    }

    internal static EntryKind Classify(ReadOnlySpan<char> name, bool isDirectory)
    {
        if (isDirectory)
        {
            return name is LockDirectoryName or QuarantineDirectoryName or Trash.DirectoryName or Pins.DirectoryName or MetadataFiles.DirectoryName or IndexDirectoryName ? EntryKind.StoreDirectory : EntryKind.ForeignDirectory;
        }

        if (SessionIdFromFileName(name) is not null)
        {
            return EntryKind.Session;
        }

        if (LeftoverSessionId(name) is not null)
        {
            return EntryKind.Leftover;
        }

        if (name.StartsWith('.') && name.EndsWith(LegacyJournalExtension, StringComparison.Ordinal) &&
            SessionIdRules.IsValid(name[1..^LegacyJournalExtension.Length].ToString()))
        {
            return EntryKind.LegacyJournal;
        }

        return name.EndsWith(SessionExtension, StringComparison.Ordinal) ? EntryKind.ForeignJson : EntryKind.Foreign;
    }
}

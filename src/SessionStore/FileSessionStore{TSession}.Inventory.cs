using SessionStore.Storage;

namespace SessionStore;

/// <summary>What in a store's directory is not the store's.</summary>
public partial class FileSessionStore<TSession>
{
    private static readonly HashSet<string> OwnDirectories = new(StringComparer.Ordinal)
    {
        SessionFileLayout.LockDirectoryName, Quarantine.DirectoryName, Trash.DirectoryName, Pins.DirectoryName,
    };

    /// <summary>
    /// The entries of the store's directory that are neither sessions nor files and folders the store
    /// itself makes: other files, <c>.json</c> files whose name is not a valid id, directories (one named
    /// like a session is not a session). Only reads; reported with <see cref="StoreProblemKind.ForeignFile"/>.
    /// </summary>
    /// <returns>The foreign entries, ordinal by path; empty when the directory does not exist.</returns>
    public IReadOnlyList<StoreProblem> FindForeignEntries()
    {
        var foreign = new List<StoreProblem>();
        if (!Directory.Exists(DirectoryPath))
        {
            return foreign;
        }

        // The enumeration says what each entry is: no second stat per file.
        foreach (FileSystemInfo entry in new DirectoryInfo(DirectoryPath).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            string path = entry.FullName, name = entry.Name;
            if (entry is DirectoryInfo)
            {
                if (!OwnDirectories.Contains(name))
                {
                    foreign.Add(Foreign(path, name.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal)
                        ? "a directory named like a session; not a session"
                        : "a directory; not part of the store"));
                }
            }
            else if (SessionFileLayout.SessionIdFromFileName(name) is null && !SessionFileLayout.IsLeftover(name) && !IsJournal(name))
            {
                foreign.Add(Foreign(path, name.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal)
                    ? "a .json file whose name is not a valid session id; not part of the store"
                    : "not a session file; not part of the store"));
            }
        }

        foreign.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return foreign;
    }

    private static StoreProblem Foreign(string path, string description) => new(StoreProblemKind.ForeignFile, path, null, description, Repaired: false);

    private static bool IsJournal(string name) =>
        name.StartsWith('.') && name.EndsWith(SessionFileLayout.JournalExtension, StringComparison.Ordinal) &&
        SessionIdRules.IsValid(name[1..^SessionFileLayout.JournalExtension.Length]);
}

namespace SessionStore.Tool.Cli;

/// <summary>Opens the store a command works on, and says in plain words when <c>--dir</c> cannot be one.</summary>
internal static class Stores
{
    /// <summary>
    /// A store for commands that only read: its <c>List</c> never sweeps leftover temp files (a read command
    /// writes and deletes nothing; <c>verify --repair</c> and writes do the sweeping).
    /// </summary>
    internal static FileSessionStore ForReading(string directory)
    {
        RefuseFile(directory);
        return new FileSessionStore(directory, new FileSessionStoreOptions { LeftoverFileAge = TimeSpan.FromDays(365_000) });
    }

    internal static FileSessionStore ForWriting(string directory)
    {
        RefuseFile(directory);
        return new FileSessionStore(directory);
    }

    /// <summary>Throws "not found" when the directory does not exist (for commands that need a store, like verify).</summary>
    internal static void RequireDirectory(FileSessionStore store)
    {
        if (!Directory.Exists(store.DirectoryPath))
        {
            throw new ToolException(ExitCodes.NotFound, $"there is no store directory at '{store.DirectoryPath}'");
        }
    }

    private static void RefuseFile(string directory)
    {
        if (File.Exists(directory))
        {
            throw new ToolException(ExitCodes.Failure, $"'{Path.GetFullPath(directory)}' is a file, not a store directory");
        }
    }
}

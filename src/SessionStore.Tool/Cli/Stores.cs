namespace SessionStore.Tool.Cli;

/// <summary>Opens the store a command works on, and says in plain words when <c>--dir</c> cannot be one.</summary>
internal static class Stores
{
    /// <summary>The store in <paramref name="directory"/>; its reads write and delete nothing (only <c>verify --repair</c> and writes change the directory).</summary>
    internal static FileSessionStore Open(string directory)
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

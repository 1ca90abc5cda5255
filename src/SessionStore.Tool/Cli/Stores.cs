namespace SessionStore.Tool.Cli;

/// <summary>Opens the store a command works on, and says in plain words when <c>--dir</c> cannot be one.</summary>
internal static partial class Stores
{
    /// <summary>
    /// The store in <paramref name="directory"/>, which must exist: a missing or mistyped <c>--dir</c> is "not found"
    /// (exit 3), never an empty store, so a backup script cannot silently save nothing. Its reads write and delete
    /// nothing (only <c>verify --repair</c> and writes change the directory).
    /// </summary>
    internal static FileSessionStore Open(string directory)
    {
        RefuseFile(directory);
        if (!Directory.Exists(directory))
        {
            throw new ToolException(ExitCodes.NotFound,
                $"there is no store directory at '{Path.GetFullPath(directory)}' (check --dir; 'sessions import' creates one)");
        }

        return new FileSessionStore(directory);
    }

    /// <summary>
    /// The store in <paramref name="directory"/> for a command that changes it: it must exist, and this user must be
    /// able to write it. A read-only directory (another user's, or on a read-only mount) is one plain error, the same for
    /// every writing command, before anything is touched.
    /// </summary>
    internal static FileSessionStore OpenForWriting(string directory)
    {
        FileSessionStore store = Open(directory);
        RefuseReadOnly(store.DirectoryPath);
        return store;
    }

    /// <summary>Throws the one "read-only" error when this user cannot write <paramref name="directory"/>.</summary>
    internal static void RefuseReadOnly(string directory)
    {
        if (!Storage.StoreDirectory.IsWritable(Storage.Platform.StorePlatform.For(FileSystemPlatform.Auto), directory))
        {
            throw new ToolException(ExitCodes.Failure, $"the store directory '{Path.GetFullPath(directory)}' is read-only for this user: nothing was changed");
        }
    }

    /// <summary>The store in <paramref name="directory"/>, which the store creates on its first write if it is missing (for <c>import</c>).</summary>
    internal static FileSessionStore OpenOrCreate(string directory)
    {
        RefuseFile(directory);
        return new FileSessionStore(directory);
    }

    private static void RefuseFile(string directory)
    {
        if (File.Exists(directory))
        {
            throw new ToolException(ExitCodes.Failure, $"'{Path.GetFullPath(directory)}' is a file, not a store directory");
        }
    }
}

namespace SessionStore.Tool.Cli;

/// <summary>Opens the store a command works on, and says in plain words when <c>--dir</c> cannot be one.</summary>
internal static partial class Stores
{
    /// <summary>
    /// The store in <paramref name="directory"/>, which must exist: a missing or mistyped <c>--dir</c> is "not found"
    /// (exit 3), never an empty store, so a backup script cannot silently save nothing. Its reads write and delete
    /// nothing (only <c>verify --repair</c> and writes change the directory).
    /// </summary>
    internal static FileSessionStore Open(string directory, bool index = false)
    {
        RefuseFile(directory);
        if (!Directory.Exists(directory))
        {
            throw new ToolException(ExitCodes.NotFound,
                $"there is no store directory at '{Path.GetFullPath(directory)}' (check --dir; 'sessions import' creates one)");
        }

        return new FileSessionStore(directory, Options(directory, index));
    }

    /// <summary>
    /// Whether the directory has an index (<c>.index</c>, made by <c>sessions reindex</c> or an app with the
    /// SessionStore.Index package): the tool uses one where it is, and never makes one unasked, so a read command on a
    /// store without an index writes nothing.
    /// </summary>
    internal static bool HasIndex(string directory) => Directory.Exists(Path.Join(directory, Storage.SessionFileLayout.IndexDirectoryName));

    private static FileSessionStoreOptions Options(string directory, bool index) =>
        new() { Index = index || HasIndex(directory) ? new SessionStore.Index.SqliteSessionIndexProvider() : null };

    /// <summary>
    /// The store in <paramref name="directory"/> for a command that changes it: it must exist, and this user must be
    /// able to write it. A read-only directory (another user's, or on a read-only mount) is one plain error, the same for
    /// every writing command, before anything is touched.
    /// </summary>
    internal static FileSessionStore OpenForWriting(string directory, bool index = false)
    {
        FileSessionStore store = Open(directory, index);
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
        return new FileSessionStore(directory, Options(directory, index: false));
    }

    private static void RefuseFile(string directory)
    {
        if (File.Exists(directory))
        {
            throw new ToolException(ExitCodes.Failure, $"'{Path.GetFullPath(directory)}' is a file, not a store directory");
        }
    }
}

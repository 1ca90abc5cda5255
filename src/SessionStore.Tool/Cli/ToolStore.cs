using SessionStore.Postgres;

namespace SessionStore.Tool.Cli;

/// <summary>
/// The store a command works on, a directory or a PostgreSQL table, through the library's interfaces: its sessions
/// (<see cref="IStoredSessionStore"/>), its trash and pins (<see cref="ISessionRetention"/>), and the few things
/// that differ by backend (progress while pruning, a batch import, a check of every session, the other session
/// types a directory may hold), so one command serves both. What only a directory has (a quarantine, foreign
/// files, <c>verify --repair</c>) is a usage error on a table, said in plain words.
/// </summary>
internal sealed class ToolStore(
    IStoredSessionStore sessions, ISessionRetention retention, FileSessionStore? directory, PostgresStoredSessionStore? table, string location)
{
    private readonly PostgresStoredSessionStore? _table = table;

    /// <summary>The sessions: load, save, list, delete, fork, summarize.</summary>
    internal IStoredSessionStore Sessions { get; } = sessions;

    /// <summary>The trash and the pins.</summary>
    internal ISessionRetention Retention { get; } = retention;

    /// <summary>The directory store, or <see langword="null"/> on a PostgreSQL table.</summary>
    internal FileSessionStore? DirectoryStore { get; } = directory;

    /// <summary>Where the store is, for messages: the directory's full path, or <c>postgres:TABLE</c>.</summary>
    internal string Location { get; } = location;

    /// <summary>The store's catalog (titles, tags, owners, search), or <see langword="null"/> when it has none: a table always has one, a directory when it has an index (<see cref="Stores.HasIndex"/>).</summary>
    internal ISessionCatalog? Catalog => DirectoryStore is { } directory
        ? (Stores.HasIndex(directory.DirectoryPath) ? directory : null)
        : Sessions as ISessionCatalog;

    /// <summary>The catalog that <paramref name="command"/> needs; a store without one is a usage error that says how to get one.</summary>
    internal ISessionCatalog RequireCatalog(string command) => Catalog ?? throw new ToolException(ExitCodes.Usage,
        $"'sessions {command}' needs the store's index, and '{Location}' has none: a directory gets one with the SessionStore.Index package " +
        "(or 'sessions reindex' builds one), a PostgreSQL table has one always");

    /// <summary>What else than reference sessions the store may hold: another session type's files in a directory; nothing in a table.</summary>
    internal OtherSessionTypes OtherTypes => DirectoryStore is { } directory ? new(directory.DirectoryPath) : new(Sessions);

    internal static ToolStore Of(FileSessionStore store) => new(store, store, store, null, store.DirectoryPath);

    internal static ToolStore Of(PostgresStoredSessionStore store) => new(store, store, null, store, PostgresSessionStores.LocationOf(store.Table).ToString());

    /// <summary>The "not found" of <paramref name="id"/> in this store.</summary>
    internal SessionNotFoundException NotFound(string id) =>
        new(id, _table is null ? SessionLocation.Directory(Location) : PostgresSessionStores.LocationOf(_table.Table));

    /// <summary><see cref="ISessionRetention.PruneAsync"/>, with progress where the backend reports it (the directory store); it stops between sessions when cancelled.</summary>
    internal ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun, IProgress<int> progress, CancellationToken cancellationToken) =>
        DirectoryStore is { } directory ? directory.PruneAsync(cutoff, dryRun, progress, cancellationToken) : Retention.PruneAsync(cutoff, dryRun, cancellationToken);

    /// <summary>Makes sure the store exists before an import reads what it holds: even an empty import leaves a store behind.</summary>
    internal void PrepareForImport()
    {
        if (_table is not null)
        {
            _table.EnsureCreated();
        }
        else if (DirectoryStore is { } directory && !Directory.Exists(directory.DirectoryPath))
        {
            Storage.StoreDirectory.Ensure(directory.Platform, directory.DirectoryPath, durable: true); // private (0700), as the store's own first write makes it
        }
    }

    /// <summary>A batch saved all or none as far as the input is concerned, and safe to run again (see <see cref="TableImport"/>).</summary>
    internal ImportResult Import(IReadOnlyList<StoredSession> sessions, bool overwrite) =>
        DirectoryStore is { } directory ? directory.Import(sessions, overwrite) : TableImport.Import(_table!, sessions, overwrite);

    /// <summary>Every session read and judged: in a directory by every session type's rules (and repaired on request), in a table by loading each row.</summary>
    internal StoreCheckResult Check(bool repair, IProgress<int> progress) =>
        DirectoryStore is { } directory ? new AnySessionStore(directory.DirectoryPath).Check(repair, progress) : TableCheck.Check(Sessions, progress);

    /// <summary>The entries of a directory that are not sessions; a table has none.</summary>
    internal IReadOnlyList<StoreProblem> FindForeignEntries() =>
        DirectoryStore is { } directory && Directory.Exists(directory.DirectoryPath) ? directory.FindForeignEntries() : [];

    /// <summary>For <c>verify --repair</c>: the directory must be writable; a table has no quarantine to repair into.</summary>
    internal void RefuseRepair()
    {
        if (DirectoryStore is { } directory)
        {
            Stores.RefuseReadOnly(directory.DirectoryPath);
            return;
        }

        throw new ToolException(ExitCodes.Usage,
            "--repair moves damaged files of a store directory into its .quarantine/, and a PostgreSQL table has none: " +
            "'sessions verify' names every row it cannot read, and 'sessions delete <id>' removes one");
    }
}

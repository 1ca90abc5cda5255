namespace SessionStore.Index;

/// <summary>
/// The directory store's catalog from SQLite (with FTS5), kept in the store's <c>.index</c> directory: set it as
/// <see cref="FileSessionStoreOptions.Index"/> and the store answers <see cref="ISessionCatalog"/> (metadata, queries
/// in O(page), full-text search).
/// </summary>
/// <remarks>
/// <para>
/// The index is a cache of the session files, which stay the truth: every write through the library updates it in the
/// same step (in O(delta) for appends), and it finds the rest itself. A query compares the directory's stamp (one
/// <c>statx</c>) with the one it recorded and reads the directory again (one <c>statx</c> per file) only when they differ;
/// every session a page returns is checked by its own stamp and read again when its file changed. A missing, corrupt or foreign-version index is built again from the files; caller-set
/// metadata lives in the store's <c>.meta</c> files, so nothing a caller set is lost. docs/scaling.md says exactly what
/// is detected when.
/// </para>
/// <para>
/// A NativeAOT app ships <c>libe_sqlite3.so</c> beside its binary (the publish puts it there).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var store = new StoredSessionStore(directory, new FileSessionStoreOptions { Index = new SqliteSessionIndexProvider() });
/// SessionQueryPage recent = store.Query(new SessionQuery { PageSize = 20 });
/// </code>
/// </example>
public sealed class SqliteSessionIndexProvider : FileSessionIndexProvider
{
    /// <summary>
    /// Whether the first query of each process reads the whole directory (one <c>statx</c> per file), which is the only
    /// way to see an existing session rewritten in place by another program (the Python module's <c>save_session</c>,
    /// <c>cp</c> onto a file) while no catalog was watching, for sessions a page does not show (a page's own rows are
    /// always checked). Defaults to <see langword="false"/>: it costs one <c>statx</c> per session on every process's first
    /// query (4.9 s for 100,000 sessions on a loaded 2-core machine where <c>ls -t</c> took 1.2 s; docs/performance.md), and
    /// <see cref="ISessionCatalog.Rebuild"/> does it on demand.
    /// </summary>
    public bool SweepOnFirstQuery { get; init; }

    /// <summary>
    /// Reads the whole directory again when the last whole read is older than this, whatever the directory's stamp says;
    /// <see langword="null"/> (the default) for never. It bounds how long an in-place rewrite by another program can go
    /// unseen in a long-running process.
    /// </summary>
    public TimeSpan? SweepInterval { get; init; }

    /// <inheritdoc/>
    public override FileSessionIndex Open(FileSessionIndexHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new SqliteSessionIndex(host, SweepOnFirstQuery, SweepInterval);
    }
}

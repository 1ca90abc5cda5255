using System.Globalization;
using Npgsql;
using SessionStore.Postgres.Data;

namespace SessionStore.Postgres;

/// <summary>
/// The table's own schema, brought up to date when the store creates its tables (first use, or
/// <c>EnsureCreated</c>) and only then: a store first reads the catalog, and takes locks and runs DDL only when
/// something is missing, with every lock wait bounded by <see cref="PostgresSessionStoreOptions.LockTimeout"/>: <c>body</c> is <c>json</c> (text checked as JSON, byte for byte what the store
/// wrote), since <c>jsonb</c> cannot hold U+0000, which the directory store saves; revisions come from the
/// table's sequence <c>&lt;table&gt;_rev</c> (dropped with the table), so a revision is never reused, not even after a delete and a
/// re-create, and a stale ETag always conflicts. Each session's writers queue on a transaction-scoped
/// advisory lock, for at most <see cref="PostgresSessionStoreOptions.LockTimeout"/>.
/// </summary>
public partial class PostgresSessionStore<TSession>
{
    /// <summary>The revision sequence, quoted, for use inside an SQL string literal.</summary>
    private string RevisionSequence => Quoted(Table + "_rev");

    /// <summary>
    /// Whether everything this version uses (tables, the <c>updated_at</c> column, <c>json</c> bodies, indexes, the
    /// revision sequence) is there already: one read of the catalog, which locks no table, so a store's first call in
    /// a fleet of short-lived processes never queues behind (or in front of) other clients' writes.
    /// </summary>
    private async ValueTask<bool> IsSchemaCurrentCore(NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        bool retention = Table.Length <= MaxTableLengthForRetention;
        var names = new List<object> { _quotedTable, Quoted(Table + "_idc"), Quoted(Table + "_upd"), RevisionSequence };
        if (retention)
        {
            names.Add(TrashTable);
            names.Add(PinsTable);
        }

        if (_items is not null)
        {
            names.Add(ItemsTable);
        }

        // The catalog's text table and its last index (made in the same transaction as the others).
        names.Add(TextTable);
        names.Add(Quoted(Table + "_stl"));

        string exist = string.Join(" AND ", names.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"to_regclass(${i + 1}) IS NOT NULL")));
        string bodies = retention ? "to_regclass($1), to_regclass($5)" : "to_regclass($1)";
        string sql = $"SELECT CASE WHEN {exist} " +
            "AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'updated_at' AND NOT attisdropped) " +
            "AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'meta_rev' AND NOT attisdropped) " +
            (retention ? "AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($5) AND attname = 'catalog' AND NOT attisdropped) " : "") +
            $"AND NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid IN ({bodies}) AND attname = 'body' AND atttypid = 'jsonb'::regtype) " +
            "THEN 1::bigint ELSE 0::bigint END";
        return await Db.ScalarCore(Bound(sql, transaction, [.. names]), async, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Bounds every lock wait of <paramref name="transaction"/> (row, table and advisory locks) by
    /// <see cref="PostgresSessionStoreOptions.LockTimeout"/>, at least a millisecond: PostgreSQL's <c>lock_timeout = 0</c> would wait forever.
    /// </summary>
    private async ValueTask BoundLockWaitsCore(NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        long milliseconds = Math.Max(1, (long)Math.Ceiling(_options.LockTimeout.TotalMilliseconds));
        _ = await Db.ExecuteCore(Bound(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{milliseconds}ms'"), transaction), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Converts a <c>jsonb</c> body to <c>json</c> and creates the revision sequence above every revision already stored, in <paramref name="transaction"/>.</summary>
    private async ValueTask MigrateCore(NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        foreach (string table in new[] { _quotedTable, TrashTable })
        {
            const string IsJsonb = "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'body' AND atttypid = 'jsonb'::regtype";
            if (await Db.ScalarCore(Bound(IsJsonb, transaction, table), async, cancellationToken).ConfigureAwait(false) > 0)
            {
                _ = await Db.ExecuteCore(Bound($"ALTER TABLE {table} ALTER COLUMN body TYPE json USING body::json", transaction), async, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (string statement in PagingIndexesSql().Concat(CatalogSchemaSql()))
        {
            _ = await Db.ExecuteCore(Bound(statement, transaction), async, cancellationToken).ConfigureAwait(false);
        }

        if (await Db.ScalarCore(Bound("SELECT count(*) FROM pg_class WHERE oid = to_regclass($1)", transaction, RevisionSequence), async, cancellationToken).ConfigureAwait(false) == 0)
        {
            _ = await Db.ExecuteCore(Bound($"CREATE SEQUENCE {RevisionSequence} OWNED BY {_quotedTable}.revision", transaction), async, cancellationToken).ConfigureAwait(false);
            _ = await Db.ExecuteCore(Bound(
                $"SELECT setval('{RevisionSequence}', greatest(1, (SELECT max(revision) FROM {_quotedTable}), (SELECT max(revision) FROM {TrashTable})))",
                transaction), async, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes session <paramref name="id"/>'s advisory lock for <paramref name="transaction"/>, waiting at most
    /// <see cref="PostgresSessionStoreOptions.LockTimeout"/>. With no time to wait (zero) it only tries, as the
    /// directory store does: PostgreSQL's <c>lock_timeout = 0</c> would wait forever.
    /// </summary>
    private async ValueTask LockSessionCore(SessionOperation operation, string id, NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        string key = Table + "/" + id;
        if (_options.LockTimeout <= TimeSpan.Zero)
        {
            const string Try = "SELECT CASE WHEN pg_try_advisory_xact_lock(hashtextextended($1, 0)) THEN 1::bigint ELSE 0::bigint END";
            if (await Db.ScalarCore(Bound(Try, transaction, key), async, cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new SessionLockTimeoutException(id, _location, "advisory lock of " + _location.PathOf(id), operation, _options.LockTimeout);
            }

            return;
        }

        await BoundLockWaitsCore(transaction, async, cancellationToken).ConfigureAwait(false);
        _ = await Db.ExecuteCore(Bound("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", transaction, key), async, cancellationToken).ConfigureAwait(false);
    }
}

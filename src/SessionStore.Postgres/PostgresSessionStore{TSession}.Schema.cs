using System.Globalization;
using Npgsql;
using SessionStore.Postgres.Data;

namespace SessionStore.Postgres;

/// <summary>
/// The table's own schema, brought up to date when the store creates its tables (first use, or
/// <c>EnsureCreated</c>): <c>body</c> is <c>json</c> (text checked as JSON, byte for byte what the store
/// wrote), since <c>jsonb</c> cannot hold U+0000, which the directory store saves; revisions come from the
/// table's sequence <c>&lt;table&gt;_rev</c> (dropped with the table), so a revision is never reused, not even after a delete and a
/// re-create, and a stale ETag always conflicts. Each session's writers queue on a transaction-scoped
/// advisory lock, for at most <see cref="PostgresSessionStoreOptions.LockTimeout"/>.
/// </summary>
public partial class PostgresSessionStore<TSession>
{
    /// <summary>The revision sequence, quoted, for use inside an SQL string literal.</summary>
    private string RevisionSequence => Quoted(Table + "_rev");

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

        foreach (string statement in PagingIndexesSql())
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

        long milliseconds = Math.Max(1, (long)Math.Ceiling(_options.LockTimeout.TotalMilliseconds));
        _ = await Db.ExecuteCore(Bound(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{milliseconds}ms'"), transaction), async, cancellationToken).ConfigureAwait(false);
        _ = await Db.ExecuteCore(Bound("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", transaction, key), async, cancellationToken).ConfigureAwait(false);
    }
}

using Npgsql;

namespace SessionStore.Postgres;

/// <summary>
/// Retention on PostgreSQL: <c>&lt;table&gt;_trash</c> holds trashed rows (with when they were trashed),
/// <c>&lt;table&gt;_pins</c> the pinned ids, and the sessions table's <c>updated_at</c> column (set by every
/// write) is what pruning compares. Moving a row in or out of the trash is one statement or one
/// transaction, so a session is never in both places nor in neither.
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionRetention
{
    private const int MaxTableLengthForRetention = 63 - 6;

    private string TrashTable => Quoted(Table + "_trash");

    private string PinsTable => Quoted(Table + "_pins");

    private string MoveToTrashSql =>
        $"WITH moved AS (DELETE FROM {_quotedTable} WHERE id = $1 RETURNING id, body, revision, updated_at) " +
        $"INSERT INTO {TrashTable} (id, body, revision, updated_at) SELECT id, body, revision, updated_at FROM moved";

    private string ListTrashSql =>
        $"SELECT id, trashed_at, updated_at, octet_length(body::text) FROM {TrashTable} ORDER BY id COLLATE \"C\", trashed_at DESC, entry DESC";

    private string PinSql => $"INSERT INTO {PinsTable} (id) SELECT id FROM {_quotedTable} WHERE id = $1 ON CONFLICT (id) DO NOTHING";

    private string ListPinnedSql => $"SELECT id FROM {PinsTable} ORDER BY id COLLATE \"C\"";

    /// <inheritdoc />
    public bool MoveToTrash(string id)
    {
        ValidId(id);
        return Execute(id, "moved to the trash", MoveToTrashSql, id) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> MoveToTrashAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        return await ExecuteAsync(id, "moved to the trash", MoveToTrashSql, cancellationToken, id).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> ListTrash() => Rows(string.Empty, "listed", ListTrashSql, ReadTrashed);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TrashedSession>> ListTrashAsync(CancellationToken cancellationToken = default) =>
        await RowsAsync(string.Empty, "listed", ListTrashSql, ReadTrashed, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public string Restore(string id)
    {
        ValidId(id);
        RequireRetentionTables();
        return Locked(id, transaction =>
        {
            long entry = Scalar(NewestEntry(id, transaction)) ?? throw NotInTrash(id);
            if (Rows(RestoreInsert(entry, transaction)) == 0)
            {
                throw Conflict(id, Scalar(CurrentRevision(id, transaction)));
            }

            _ = Rows(RemoveEntry(entry, transaction));
            return Location(id);
        });
    }

    /// <inheritdoc />
    public async ValueTask<string> RestoreAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        RequireRetentionTables();
        return await LockedAsync(id, async transaction =>
        {
            long entry = await ScalarAsync(NewestEntry(id, transaction), cancellationToken).ConfigureAwait(false) ?? throw NotInTrash(id);
            if (await RowsAsync(RestoreInsert(entry, transaction), cancellationToken).ConfigureAwait(false) == 0)
            {
                throw Conflict(id, await ScalarAsync(CurrentRevision(id, transaction), cancellationToken).ConfigureAwait(false));
            }

            _ = await RowsAsync(RemoveEntry(entry, transaction), cancellationToken).ConfigureAwait(false);
            return Location(id);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore = null, bool dryRun = false) =>
        Rows(string.Empty, "emptied", EmptyTrashSql(trashedBefore, dryRun), ReadTrashed, Cutoffs(trashedBefore));

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashAsync(DateTimeOffset? trashedBefore = null, bool dryRun = false, CancellationToken cancellationToken = default) =>
        await RowsAsync(string.Empty, "emptied", EmptyTrashSql(trashedBefore, dryRun), ReadTrashed, cancellationToken, Cutoffs(trashedBefore)).ConfigureAwait(false);

    /// <inheritdoc />
    public bool Pin(string id)
    {
        ValidId(id);
        return Execute(id, "pinned", PinSql, id) == 1 || (Exists(id) ? false : throw new SessionNotFoundException(id, Table));
    }

    /// <inheritdoc />
    public async ValueTask<bool> PinAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        return await ExecuteAsync(id, "pinned", PinSql, cancellationToken, id).ConfigureAwait(false) == 1 ||
            (await ExistsAsync(id, cancellationToken).ConfigureAwait(false) ? false : throw new SessionNotFoundException(id, Table));
    }

    /// <inheritdoc />
    public bool Unpin(string id)
    {
        ValidId(id);
        return Execute(id, "unpinned", $"DELETE FROM {PinsTable} WHERE id = $1", id) == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> UnpinAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        return await ExecuteAsync(id, "unpinned", $"DELETE FROM {PinsTable} WHERE id = $1", cancellationToken, id).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListPinned() => Rows(string.Empty, "listed", ListPinnedSql, static r => r.GetString(0));

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListPinnedAsync(CancellationToken cancellationToken = default) =>
        await RowsAsync(string.Empty, "listed", ListPinnedSql, static r => r.GetString(0), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public PruneResult Prune(DateTimeOffset cutoff, bool dryRun = false)
    {
        List<(string Id, bool Pinned)> old = Rows(string.Empty, "pruned", OldSessionsSql, ReadOld, cutoff.UtcDateTime);
        List<string> trashed = dryRun ? Unpinned(old) : Rows(string.Empty, "pruned", PruneSql, static r => r.GetString(0), cutoff.UtcDateTime);
        return new PruneResult(trashed, Pinned(old), dryRun);
    }

    /// <inheritdoc />
    public async ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        List<(string Id, bool Pinned)> old = await RowsAsync(string.Empty, "pruned", OldSessionsSql, ReadOld, cancellationToken, cutoff.UtcDateTime).ConfigureAwait(false);
        List<string> trashed = dryRun
            ? Unpinned(old)
            : await RowsAsync(string.Empty, "pruned", PruneSql, static r => r.GetString(0), cancellationToken, cutoff.UtcDateTime).ConfigureAwait(false);
        return new PruneResult(trashed, Pinned(old), dryRun);
    }

    private string OldSessionsSql =>
        $"SELECT id, EXISTS (SELECT 1 FROM {PinsTable} p WHERE p.id = t.id) FROM {_quotedTable} t WHERE updated_at < $1 ORDER BY id COLLATE \"C\"";

    private string PruneSql =>
        $"WITH moved AS (DELETE FROM {_quotedTable} t WHERE updated_at < $1 AND NOT EXISTS (SELECT 1 FROM {PinsTable} p WHERE p.id = t.id) " +
        "RETURNING id, body, revision, updated_at), " +
        $"kept AS (INSERT INTO {TrashTable} (id, body, revision, updated_at) SELECT id, body, revision, updated_at FROM moved RETURNING id) " +
        "SELECT id FROM kept ORDER BY id COLLATE \"C\"";

    private string EmptyTrashSql(DateTimeOffset? trashedBefore, bool dryRun)
    {
        string where = trashedBefore is null ? "" : " WHERE trashed_at < $1";
        return dryRun
            ? $"SELECT id, trashed_at, updated_at, octet_length(body::text) FROM {TrashTable}{where} ORDER BY id COLLATE \"C\", trashed_at DESC"
            : $"WITH gone AS (DELETE FROM {TrashTable}{where} RETURNING id, trashed_at, updated_at, body) " +
              "SELECT id, trashed_at, updated_at, octet_length(body::text) FROM gone ORDER BY id COLLATE \"C\", trashed_at DESC";
    }

    private static object[] Cutoffs(DateTimeOffset? trashedBefore) => trashedBefore is { } cutoff ? [cutoff.UtcDateTime] : [];

    private static List<string> Unpinned(List<(string Id, bool Pinned)> old) => old.Where(o => !o.Pinned).Select(o => o.Id).ToList();

    private static List<string> Pinned(List<(string Id, bool Pinned)> old) => old.Where(o => o.Pinned).Select(o => o.Id).ToList();

    private static (string Id, bool Pinned) ReadOld(NpgsqlDataReader reader) => (reader.GetString(0), reader.GetBoolean(1));

    private static TrashedSession ReadTrashed(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(1).ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(2).ToUniversalTime(), TimeSpan.Zero),
        reader.GetInt32(3));

    private NpgsqlCommand NewestEntry(string id, NpgsqlTransaction transaction) =>
        Bound($"SELECT entry FROM {TrashTable} WHERE id = $1 ORDER BY trashed_at DESC, entry DESC LIMIT 1 FOR UPDATE", transaction, id);

    private NpgsqlCommand RestoreInsert(long entry, NpgsqlTransaction transaction) =>
        Bound($"INSERT INTO {_quotedTable} (id, body, revision, updated_at) SELECT id, body, revision, updated_at FROM {TrashTable} WHERE entry = $1 ON CONFLICT (id) DO NOTHING", transaction, entry);

    private NpgsqlCommand RemoveEntry(long entry, NpgsqlTransaction transaction) => Bound($"DELETE FROM {TrashTable} WHERE entry = $1", transaction, entry);

    private NpgsqlCommand CurrentRevision(string id, NpgsqlTransaction transaction) => Bound($"SELECT revision FROM {_quotedTable} WHERE id = $1", transaction, id);

    private SessionNotFoundException NotInTrash(string id) => new(id, Table + "_trash");

    private SessionConflictException Conflict(string id, long? revision) =>
        new(id, Location(id), expectedETag: null, revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(gone again)");

    /// <summary>Creates the trash and pins tables, and adds <c>updated_at</c> to a sessions table made before retention existed.</summary>
    private void CreateRetentionTables(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        using (var alter = new NpgsqlCommand($"ALTER TABLE {_quotedTable} ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()", connection, transaction))
        {
            alter.ExecuteNonQuery();
        }

        if (Table.Length > MaxTableLengthForRetention)
        {
            return;
        }

        using var command = new NpgsqlCommand(
            $"CREATE TABLE IF NOT EXISTS {TrashTable} (entry bigserial PRIMARY KEY, id text NOT NULL, body jsonb NOT NULL, revision bigint NOT NULL, " +
            "updated_at timestamptz NOT NULL, trashed_at timestamptz NOT NULL DEFAULT clock_timestamp()); " +
            $"CREATE TABLE IF NOT EXISTS {PinsTable} (id text PRIMARY KEY)", connection, transaction);
        command.ExecuteNonQuery();
    }

    private void RequireRetentionTables()
    {
        if (Table.Length > MaxTableLengthForRetention)
        {
            throw new InvalidOperationException($"The table name '{Table}' is longer than {MaxTableLengthForRetention} characters: no room for its _trash and _pins tables.");
        }
    }

    private NpgsqlCommand Bound(string sql, NpgsqlTransaction? transaction, params object[] values)
    {
        NpgsqlCommand command = transaction is null ? _dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, transaction.Connection, transaction);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static long? Scalar(NpgsqlCommand command)
    {
        using (command)
        {
            return command.ExecuteScalar() is long value ? value : null;
        }
    }

    private static async ValueTask<long?> ScalarAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long value ? value : null;
        }
    }

    private static int Rows(NpgsqlCommand command)
    {
        using (command)
        {
            return command.ExecuteNonQuery();
        }
    }

    private static async ValueTask<int> RowsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private int Execute(string id, string operation, string sql, params object[] values)
    {
        RequireRetentionTables();
        return Run(id, operation, () => Rows(Bound(sql, null, values)));
    }

    private async ValueTask<int> ExecuteAsync(string id, string operation, string sql, CancellationToken cancellationToken, params object[] values)
    {
        RequireRetentionTables();
        return await RunAsync(id, operation, () => RowsAsync(Bound(sql, null, values), cancellationToken).AsTask()).ConfigureAwait(false);
    }

    private List<TRow> Rows<TRow>(string id, string operation, string sql, Func<NpgsqlDataReader, TRow> read, params object[] values)
    {
        RequireRetentionTables();
        return Run(id, operation, () =>
        {
            using NpgsqlCommand command = Bound(sql, null, values);
            using NpgsqlDataReader reader = command.ExecuteReader();
            var rows = new List<TRow>();
            while (reader.Read())
            {
                rows.Add(read(reader));
            }

            return rows;
        });
    }

    private async ValueTask<List<TRow>> RowsAsync<TRow>(
        string id, string operation, string sql, Func<NpgsqlDataReader, TRow> read, CancellationToken cancellationToken, params object[] values)
    {
        RequireRetentionTables();
        return await RunAsync(id, operation, async () =>
        {
            await using NpgsqlCommand command = Bound(sql, null, values);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<TRow>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }

            return rows;
        }).ConfigureAwait(false);
    }

    private static string Quoted(string identifier) => "\"" + identifier + "\"";
}

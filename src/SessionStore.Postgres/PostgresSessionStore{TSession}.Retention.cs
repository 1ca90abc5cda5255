using Npgsql;
using SessionStore.Postgres.Data;
using SessionStore.Storage;

namespace SessionStore.Postgres;

/// <summary>
/// Retention on PostgreSQL: <c>&lt;table&gt;_trash</c> holds trashed rows (with when they were trashed),
/// <c>&lt;table&gt;_pins</c> the pinned ids, and the sessions table's <c>updated_at</c> column (set by every
/// write, from <see cref="PostgresSessionStoreOptions.TimeProvider"/>) is what pruning compares. Moving a
/// row in or out of the trash is one statement or one transaction, so a session is never in both places nor in neither.
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionRetention
{
    private const int MaxTableLengthForRetention = 63 - 6;

    private string TrashTable => Quoted(Table + "_trash");

    private string PinsTable => Quoted(Table + "_pins");

    private string MoveToTrashSql =>
        $"WITH moved AS (DELETE FROM {_quotedTable} WHERE id = $1 RETURNING id, body, revision, updated_at, {CallerMetadata} AS catalog) " +
        $"INSERT INTO {TrashTable} (id, body, revision, updated_at, trashed_at, catalog) SELECT id, body, revision, updated_at, $2, catalog FROM moved";

    /// <summary>What the trash keeps of a session's catalog: the caller's metadata (title, tags, owner, agent, fields) and when it was created.</summary>
    private const string CallerMetadata =
        "jsonb_build_object('title', CASE WHEN custom_title THEN title END, 'tags', to_jsonb(tags), 'owner', owner, 'agent', agent, 'fields', fields, 'created_at', created_at)";

    private string ListTrashSql =>
        $"SELECT id, trashed_at, updated_at, octet_length(body::text) FROM {TrashTable} ORDER BY id COLLATE \"C\", trashed_at DESC, entry DESC";

    private string PinSql => $"INSERT INTO {PinsTable} (id) SELECT id FROM {_quotedTable} WHERE id = $1 ON CONFLICT (id) DO NOTHING";

    private string OldSessionsSql =>
        $"SELECT id, EXISTS (SELECT 1 FROM {PinsTable} p WHERE p.id = t.id) FROM {_quotedTable} t WHERE updated_at < $1 ORDER BY id COLLATE \"C\"";

    private string PruneSql =>
        $"WITH moved AS (DELETE FROM {_quotedTable} t WHERE updated_at < $1 AND NOT EXISTS (SELECT 1 FROM {PinsTable} p WHERE p.id = t.id) " +
        $"RETURNING id, body, revision, updated_at, {CallerMetadata} AS catalog), " +
        $"kept AS (INSERT INTO {TrashTable} (id, body, revision, updated_at, trashed_at, catalog) SELECT id, body, revision, updated_at, $2, catalog FROM moved RETURNING id) " +
        "SELECT id FROM kept ORDER BY id COLLATE \"C\"";

    /// <inheritdoc />
    public bool MoveToTrash(string id) => Completed.Result(MoveToTrashCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<bool> MoveToTrashAsync(string id, CancellationToken cancellationToken = default) => MoveToTrashCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> ListTrash() => Completed.Result(ListTrashCore(async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrashedSession>> ListTrashAsync(CancellationToken cancellationToken = default) => ListTrashCore(async: true, cancellationToken);

    /// <inheritdoc />
    public string Restore(string id) => Completed.Result(RestoreCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<string> RestoreAsync(string id, CancellationToken cancellationToken = default) => RestoreCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore = null, bool dryRun = false) =>
        Completed.Result(EmptyTrashCore(trashedBefore, dryRun, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashAsync(DateTimeOffset? trashedBefore = null, bool dryRun = false, CancellationToken cancellationToken = default) =>
        EmptyTrashCore(trashedBefore, dryRun, async: true, cancellationToken);

    /// <inheritdoc />
    public bool Pin(string id) => Completed.Result(PinCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<bool> PinAsync(string id, CancellationToken cancellationToken = default) => PinCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public bool Unpin(string id) => Completed.Result(UnpinCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<bool> UnpinAsync(string id, CancellationToken cancellationToken = default) => UnpinCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<string> ListPinned() => Completed.Result(ListPinnedCore(async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListPinnedAsync(CancellationToken cancellationToken = default) => ListPinnedCore(async: true, cancellationToken);

    /// <inheritdoc />
    public PruneResult Prune(DateTimeOffset cutoff, bool dryRun = false) => Completed.Result(PruneCore(cutoff, dryRun, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default) =>
        PruneCore(cutoff, dryRun, async: true, cancellationToken);

    /// <summary>Moves a session to the trash under its lock; for a prune (<paramref name="prunedBefore"/>), only if it is still older than that and not pinned.</summary>
    /// <param name="id">The session.</param>
    /// <param name="async">Whether to await the server.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock and the statements.</param>
    /// <param name="prunedBefore">The prune's cutoff, or null for a plain move.</param>
    private async ValueTask<bool> MoveToTrashCore(string id, bool async, CancellationToken cancellationToken, DateTime? prunedBefore = null)
    {
        ValidId(id);
        RequireRetentionTables();

        // Under the session's lock, as a delete: an update in flight finishes first, and its result is what goes to the trash.
        return await LockedCore(SessionOperation.MoveToTrash, id, async transaction =>
        {
            if (_items is null)
            {
                return await Db.ExecuteCore(Bound(MoveToTrashSql, transaction, id, Now), async, cancellationToken).ConfigureAwait(false) == 1;
            }

            // A prune listed the session before taking its lock: written or pinned since, it stays.
            if (prunedBefore is { } cutoff && await Db.ScalarCore(Bound(
                    $"SELECT count(*) FROM {_quotedTable} t WHERE id = $1 AND updated_at < $2 AND NOT EXISTS (SELECT 1 FROM {PinsTable} p WHERE p.id = t.id)",
                    transaction, id, cutoff), async, cancellationToken).ConfigureAwait(false) is not > 0)
            {
                return false;
            }

            // The trash keeps sessions whole: the row's body with its items; deleting the row deletes its items (ON DELETE CASCADE).
            if (await ReadBodyCore(id, transaction, async, cancellationToken).ConfigureAwait(false) is not { } whole)
            {
                return false;
            }

            _ = await Db.ExecuteCore(Bound(
                $"INSERT INTO {TrashTable} (id, body, revision, updated_at, trashed_at, catalog) SELECT id, $2::json, revision, updated_at, $3, {CallerMetadata} FROM {_quotedTable} WHERE id = $1",
                transaction, id, whole.Body, Now), async, cancellationToken).ConfigureAwait(false);
            return await Db.ExecuteCore(Bound($"DELETE FROM {_quotedTable} WHERE id = $1", transaction, id), async, cancellationToken).ConfigureAwait(false) == 1;
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<IReadOnlyList<TrashedSession>> ListTrashCore(bool async, CancellationToken cancellationToken)
    {
        RequireRetentionTables();
        return await QueryCore(SessionOperation.List, null, ListTrashSql, ReadTrashed, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<string> RestoreCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        RequireRetentionTables();
        return await LockedCore(SessionOperation.Restore, id, async transaction =>
        {
            long entry = await Db.ScalarCore(NewestEntry(id, transaction), async, cancellationToken).ConfigureAwait(false) ?? throw NotInTrash(id);
            if (await Db.ExecuteCore(RestoreInsert(entry, transaction), async, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw Conflict(id, await Db.ScalarCore(CurrentRevision(id, transaction), async, cancellationToken).ConfigureAwait(false));
            }

            _ = await Db.ExecuteCore(Bound($"DELETE FROM {TrashTable} WHERE entry = $1", transaction, entry), async, cancellationToken).ConfigureAwait(false);
            await DeriveLockedCore(id, transaction, async, cancellationToken).ConfigureAwait(false);
            return _location.PathOf(id);
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashCore(DateTimeOffset? trashedBefore, bool dryRun, bool async, CancellationToken cancellationToken)
    {
        RequireRetentionTables();
        string where = trashedBefore is null ? "" : " WHERE trashed_at < $1";
        string sql = dryRun
            ? $"SELECT id, trashed_at, updated_at, octet_length(body::text) FROM {TrashTable}{where} ORDER BY id COLLATE \"C\", trashed_at DESC"
            : $"WITH gone AS (DELETE FROM {TrashTable}{where} RETURNING id, trashed_at, updated_at, body) " +
              "SELECT id, trashed_at, updated_at, octet_length(body::text) FROM gone ORDER BY id COLLATE \"C\", trashed_at DESC";
        object[] cutoff = trashedBefore is { } before ? [before.UtcDateTime] : [];
        return await QueryCore(SessionOperation.EmptyTrash, null, sql, ReadTrashed, async, cancellationToken, cutoff).ConfigureAwait(false);
    }

    private async ValueTask<bool> PinCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        RequireRetentionTables();
        return await ExecuteCore(SessionOperation.Pin, id, PinSql, async, cancellationToken, id).ConfigureAwait(false) == 1 ||
            (await ExistsCore(id, async, cancellationToken).ConfigureAwait(false) ? false : throw new SessionNotFoundException(id, _location));
    }

    private async ValueTask<bool> UnpinCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        RequireRetentionTables();
        return await ExecuteCore(SessionOperation.Unpin, id, $"DELETE FROM {PinsTable} WHERE id = $1", async, cancellationToken, id).ConfigureAwait(false) == 1;
    }

    private async ValueTask<IReadOnlyList<string>> ListPinnedCore(bool async, CancellationToken cancellationToken)
    {
        RequireRetentionTables();
        return await QueryCore(SessionOperation.List, null, $"SELECT id FROM {PinsTable} ORDER BY id COLLATE \"C\"", static r => r.GetString(0), async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<PruneResult> PruneCore(DateTimeOffset cutoff, bool dryRun, bool async, CancellationToken cancellationToken)
    {
        RequireRetentionTables();
        List<(string Id, bool Pinned)> old = await QueryCore(
            SessionOperation.Prune, null, OldSessionsSql, static r => (r.GetString(0), r.GetBoolean(1)), async, cancellationToken, cutoff.UtcDateTime).ConfigureAwait(false);
        List<string> trashed = dryRun
            ? old.Where(o => !o.Pinned).Select(o => o.Id).ToList()
            : _items is not null
            ? await PruneWholeCore(old.Where(o => !o.Pinned).Select(o => o.Id), cutoff.UtcDateTime, async, cancellationToken).ConfigureAwait(false)
            : await QueryCore(SessionOperation.Prune, null, PruneSql, static r => r.GetString(0), async, cancellationToken, cutoff.UtcDateTime, Now).ConfigureAwait(false);
        return new PruneResult(trashed, old.Where(o => o.Pinned).Select(o => o.Id).ToList(), dryRun);
    }

    /// <summary>Prunes a session type with a growing list: each session goes to the trash whole, as <see cref="MoveToTrash"/> moves it.</summary>
    private async ValueTask<List<string>> PruneWholeCore(IEnumerable<string> ids, DateTime cutoff, bool async, CancellationToken cancellationToken)
    {
        var trashed = new List<string>();
        foreach (string id in ids)
        {
            if (await MoveToTrashCore(id, async, cancellationToken, prunedBefore: cutoff).ConfigureAwait(false))
            {
                trashed.Add(id);
            }
        }

        return trashed;
    }

    private static TrashedSession ReadTrashed(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(1).ToUniversalTime(), TimeSpan.Zero),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(2).ToUniversalTime(), TimeSpan.Zero),
        reader.GetInt32(3));

    private NpgsqlCommand NewestEntry(string id, NpgsqlTransaction transaction) =>
        Bound($"SELECT entry FROM {TrashTable} WHERE id = $1 ORDER BY trashed_at DESC, entry DESC LIMIT 1 FOR UPDATE", transaction, id);

    private NpgsqlCommand RestoreInsert(long entry, NpgsqlTransaction transaction) =>
        Bound($"INSERT INTO {_quotedTable} (id, body, revision, updated_at, created_at, title, custom_title, tags, owner, agent, fields) " +
            "SELECT id, body, revision, updated_at, (catalog ->> 'created_at')::timestamptz, COALESCE(catalog ->> 'title', ''), catalog ->> 'title' IS NOT NULL, " +
            "COALESCE(ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(catalog -> 'tags') = 'array' THEN catalog -> 'tags' ELSE '[]' END)), '{}'), " +
            "catalog ->> 'owner', catalog ->> 'agent', COALESCE(CASE WHEN jsonb_typeof(catalog -> 'fields') = 'object' THEN catalog -> 'fields' END, '{}') " +
            $"FROM {TrashTable} WHERE entry = $1 ON CONFLICT (id) DO NOTHING", transaction, entry);

    private NpgsqlCommand CurrentRevision(string id, NpgsqlTransaction transaction) => Bound($"SELECT revision FROM {_quotedTable} WHERE id = $1", transaction, id);

    private SessionNotFoundException NotInTrash(string id) => new(id, PostgresSessionStores.LocationOf(Table + "_trash"));

    private SessionConflictException Conflict(string id, long? revision) =>
        new(id, _location, expectedETag: null, revision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(gone again)");

    /// <summary>The trash and pins tables, and <c>updated_at</c> for a sessions table made before retention existed.</summary>
    private IEnumerable<string> RetentionTablesSql()
    {
        yield return $"ALTER TABLE {_quotedTable} ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()";
        if (Table.Length <= MaxTableLengthForRetention)
        {
            yield return $"CREATE TABLE IF NOT EXISTS {TrashTable} (entry bigserial PRIMARY KEY, id text NOT NULL, body json NOT NULL, revision bigint NOT NULL, " +
                "updated_at timestamptz NOT NULL, trashed_at timestamptz NOT NULL DEFAULT clock_timestamp())";
            yield return $"CREATE TABLE IF NOT EXISTS {PinsTable} (id text PRIMARY KEY)";
        }
    }

    private void RequireRetentionTables()
    {
        if (Table.Length > MaxTableLengthForRetention)
        {
            throw new InvalidOperationException($"The table name '{Table}' is longer than {MaxTableLengthForRetention} characters: no room for its _trash and _pins tables.");
        }
    }
}

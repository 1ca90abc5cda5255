using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Npgsql;
using SessionStore.Buffers;
using SessionStore.Postgres.Data;
using SessionStore.Serialization;
using SessionStore.Storage;
using SessionStore.Telemetry;

namespace SessionStore.Postgres;

/// <summary>
/// Sessions in one PostgreSQL table (<c>id text primary key, body json, revision bigint</c>), behind the
/// same contract as the directory store: ids validated before any I/O, the same typed exceptions, a
/// delete that says whether this call removed the row, updates and conditional saves that are
/// transactional and serialized per session (a transaction-scoped advisory lock), so no update is lost
/// between machines. JSON goes through the given source-generated metadata only (AOT-safe). A versioned
/// session type (<see cref="SessionDescriptor{TSession}.Schema"/>) is versioned here as in a file: rows
/// carry <c>"schema_version"</c>, older ones are migrated on load, newer ones are neither loaded nor overwritten.
/// </summary>
/// <remarks>
/// Every operation is written once: the synchronous members run Npgsql's synchronous calls, the
/// asynchronous ones its asynchronous calls, so an asynchronous caller never blocks a thread (waits for
/// a session's lock and the table's creation included).
/// </remarks>
/// <typeparam name="TSession">The session type.</typeparam>
public partial class PostgresSessionStore<TSession> : ISessionStore<TSession>
    where TSession : class
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SessionSerializer<TSession> _serializer;
    private readonly Func<TSession, string> _sessionIdOf;
    private readonly Action<TSession>? _validate;
    private readonly SessionItems<TSession>? _items;
    private readonly PostgresSessionStoreOptions _options;
    private readonly SessionLocation _location;
    private readonly string _quotedTable;
    private readonly string _upsert;
    private volatile bool _created;

    /// <summary>Creates a store over <paramref name="table"/>.</summary>
    /// <param name="dataSource">Where to connect; build it with <c>NpgsqlSlimDataSourceBuilder</c> for trimmed and NativeAOT apps.</param>
    /// <param name="table">The table's name: ASCII letters, digits and '_', starting with a letter, at most 57 characters, neither a system name (<c>pg_*</c>, <c>information_schema</c>) nor an SQL key word.</param>
    /// <param name="typeInfo">The source-generated JSON metadata for <typeparamref name="TSession"/>.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="validate">Checks a session beyond its JSON shape; throws <see cref="ArgumentException"/> when invalid.</param>
    /// <param name="options">Lock timeout, table creation and clock; copied, so later changes do not affect this store.</param>
    public PostgresSessionStore(
        NpgsqlDataSource dataSource, string table, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf,
        Action<TSession>? validate = null, PostgresSessionStoreOptions? options = null)
        : this(dataSource, table, new SessionDescriptor<TSession>(typeInfo, sessionIdOf, schema: null, validate), options)
    {
    }

    /// <summary>Creates a store over <paramref name="table"/> of the sessions <paramref name="descriptor"/> describes.</summary>
    /// <param name="dataSource">Where to connect; build it with <c>NpgsqlSlimDataSourceBuilder</c> for trimmed and NativeAOT apps.</param>
    /// <param name="table">The table's name: ASCII letters, digits and '_', starting with a letter, at most 57 characters, neither a system name (<c>pg_*</c>, <c>information_schema</c>) nor an SQL key word.</param>
    /// <param name="descriptor">The session type: JSON metadata, id, schema and validation (a generated store's <c>Descriptor</c>).</param>
    /// <param name="options">Lock timeout, table creation and clock; copied, so later changes do not affect this store.</param>
    public PostgresSessionStore(NpgsqlDataSource dataSource, string table, SessionDescriptor<TSession> descriptor, PostgresSessionStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(descriptor);
        if (TableNames.GetViolation(table) is { } violation)
        {
            throw new ArgumentException($"'{table}' cannot name a session table: {violation}.", nameof(table));
        }

        _dataSource = dataSource;
        Table = table;
        _location = PostgresSessionStores.LocationOf(table);
        _quotedTable = Quoted(table);
        _serializer = new SessionSerializer<TSession>(descriptor.TypeInfo, descriptor.Schema);
        _sessionIdOf = descriptor.SessionIdOf;
        _validate = descriptor.Validate;
        _items = descriptor.Items;
        _options = options?.Clone() ?? new PostgresSessionStoreOptions();
        _instruments = new StoreInstruments(StoreInstruments.PostgreSql, table, _options.MeterFactory, _options.LoggerFactory);
        _upsert = $"INSERT INTO {_quotedTable} AS t (id, body, revision, updated_at, created_at) VALUES ($1, $2::json, nextval('{RevisionSequence}'), $3, $3) " +
            "ON CONFLICT (id) DO UPDATE SET body = excluded.body, revision = excluded.revision, updated_at = excluded.updated_at" +
            (descriptor.Schema is { } schema ? string.Create(CultureInfo.InvariantCulture, $" WHERE {StoredVersion} <= {schema.CurrentVersion}") : "");
    }

    /// <summary>The table that holds the sessions.</summary>
    public string Table { get; }

    /// <summary>Creates the table (and its retention tables) if it does not exist.</summary>
    /// <exception cref="SessionStorageException">The server refused or could not be reached.</exception>
    public void EnsureCreated() => Completed.Wait(CreateCore(async: false, CancellationToken.None));

    /// <inheritdoc cref="EnsureCreated"/>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default) => CreateCore(async: true, cancellationToken);

    /// <inheritdoc />
    public string Save(TSession session) => Completed.Result(SaveCore(session, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<string> SaveAsync(TSession session, CancellationToken cancellationToken = default) => SaveCore(session, async: true, cancellationToken);

    /// <inheritdoc />
    public TSession Load(string id) => Completed.Result(LoadCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<TSession> LoadAsync(string id, CancellationToken cancellationToken = default) => LoadCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public bool TryLoad(string id, [NotNullWhen(true)] out TSession? session)
    {
        session = Completed.Result(ReadRowCore(id, transaction: null, async: false, CancellationToken.None))?.Session;
        return session is not null;
    }

    /// <inheritdoc />
    public async ValueTask<TSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadRowCore(id, transaction: null, async: true, cancellationToken).ConfigureAwait(false))?.Session;

    /// <inheritdoc />
    public IReadOnlyList<string> List() => Completed.Result(ListCore(async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) => ListCore(async: true, cancellationToken);

    /// <inheritdoc />
    public bool Exists(string id) => Completed.Result(ExistsCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) => ExistsCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public bool Delete(string id) => Completed.Result(DeleteCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => DeleteCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public TSession Update(string id, Func<TSession?, TSession> change) => Completed.Result(UpdateCore(id, change, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<TSession> UpdateAsync(string id, Func<TSession?, TSession> change, CancellationToken cancellationToken = default) =>
        UpdateCore(id, change, async: true, cancellationToken);

    /// <inheritdoc />
    public SessionRevision<TSession> LoadRevision(string id) => Completed.Result(LoadRevisionCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionRevision<TSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default) =>
        LoadRevisionCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public string SaveIfMatch(TSession session, string? expectedETag) =>
        Completed.Result(SaveIfMatchCore(session, expectedETag, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<string> SaveIfMatchAsync(TSession session, string? expectedETag, CancellationToken cancellationToken = default) =>
        SaveIfMatchCore(session, expectedETag, async: true, cancellationToken);

    /// <summary>A stored row's schema version, as the directory store reads a file's: absent (or not a number) is 1.</summary>
    private static string StoredVersion =>
        $"(CASE WHEN json_typeof(t.body -> '{SessionSchema.VersionPropertyName}') = 'number' THEN (t.body ->> '{SessionSchema.VersionPropertyName}')::numeric ELSE 1 END)";

    /// <summary>The store's clock, for <c>updated_at</c> and <c>trashed_at</c>.</summary>
    private DateTime Now => _options.TimeProvider.GetUtcNow().UtcDateTime;

    private async ValueTask CreateUntracedCore(bool async, CancellationToken cancellationToken)
    {
        try
        {
            await CreateTableCore(async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.Create, null, _location);
        }
    }

    private async ValueTask CreateTableCore(bool async, CancellationToken cancellationToken)
    {
        // A table that is up to date costs one catalog read. Otherwise CREATE TABLE IF NOT EXISTS is not safe
        // against itself: concurrent first uses (threads or machines) serialize on an advisory lock, and a loser
        // that still collides treats it as done; every lock wait (DDL takes exclusive table locks) is bounded.
        NpgsqlConnection connection = await Db.OpenCore(_dataSource, async, cancellationToken).ConfigureAwait(false);
        await using (Db.Own(connection, async))
        {
            NpgsqlTransaction transaction = await Db.BeginCore(connection, async, cancellationToken).ConfigureAwait(false);
            await using (Db.Own(transaction, async))
            {
                if (await IsSchemaCurrentCore(transaction, async, cancellationToken).ConfigureAwait(false))
                {
                    _created = true;
                    return;
                }

                await BoundLockWaitsCore(transaction, async, cancellationToken).ConfigureAwait(false);
                _ = await Db.ExecuteCore(Bound("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", transaction, "create " + Table), async, cancellationToken).ConfigureAwait(false);
                if (await IsSchemaCurrentCore(transaction, async, cancellationToken).ConfigureAwait(false))
                {
                    // Another client upgraded it while this one waited: no DDL, so no table lock.
                    _created = true;
                    return;
                }

                try
                {
                    _ = await Db.ExecuteCore(Bound(
                        $"CREATE TABLE IF NOT EXISTS {_quotedTable} (id text PRIMARY KEY, body json NOT NULL, revision bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())",
                        transaction), async, cancellationToken).ConfigureAwait(false);
                    foreach (string statement in RetentionTablesSql().Concat(ItemsTableSql()))
                    {
                        _ = await Db.ExecuteCore(Bound(statement, transaction), async, cancellationToken).ConfigureAwait(false);
                    }

                    await MigrateCore(transaction, async, cancellationToken).ConfigureAwait(false);

                    await Db.CommitCore(transaction, async, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
                {
                }
            }
        }

        _created = true;
    }

    private async ValueTask<string> SaveCore(TSession session, bool async, CancellationToken cancellationToken)
    {
        (string id, string body) = Prepare(session);
        if (_items is not null)
        {
            // Under the session's lock, as an append: the row and the items table change together.
            _ = await LockedCore(SessionOperation.Save, id, async transaction =>
            {
                if (await WriteCore(id, body, transaction, async, cancellationToken).ConfigureAwait(false) is null)
                {
                    // Only a row of a newer schema refuses the upsert: reading it says which version it has.
                    _ = await ReadRowCore(id, transaction, async, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }, async, cancellationToken).ConfigureAwait(false);
            return _location.PathOf(id);
        }

        // One transaction, no session lock: the upsert's row lock orders concurrent saves, and the catalog changes with the row.
        while (!await TransactionCore(SessionOperation.Save, id, async transaction =>
            await WriteCore(id, body, transaction, async, cancellationToken).ConfigureAwait(false) is not null, async, cancellationToken).ConfigureAwait(false))
        {
            // Only a row of a newer schema refuses the upsert: reading it says which version it has (unless it was replaced meanwhile).
            _ = await ReadRowCore(id, transaction: null, async, cancellationToken).ConfigureAwait(false);
        }

        return _location.PathOf(id);
    }

    private async ValueTask<TSession> LoadCore(string id, bool async, CancellationToken cancellationToken) =>
        (await ReadRowCore(id, transaction: null, async, cancellationToken).ConfigureAwait(false))?.Session ?? throw new SessionNotFoundException(id, _location);

    private async ValueTask<IReadOnlyList<string>> ListCore(bool async, CancellationToken cancellationToken)
    {
        // Rows other clients inserted under ids our rules refuse could be neither loaded nor deleted through this store: they are not listed.
        List<string> ids = await QueryCore(SessionOperation.List, null, $"SELECT id FROM {_quotedTable} ORDER BY id COLLATE \"C\"", static r => r.GetString(0), async, cancellationToken).ConfigureAwait(false);
        _ = ids.RemoveAll(static id => !SessionIdRules.IsValid(id));
        return ids;
    }

    private async ValueTask<bool> ExistsCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        return (await QueryCore(SessionOperation.Read, id, $"SELECT 1 FROM {_quotedTable} WHERE id = $1", static _ => true, async, cancellationToken, id).ConfigureAwait(false)).Count > 0;
    }

    private async ValueTask<bool> DeleteCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);

        // Under the session's lock, as an update: an update in flight finishes first and the delete then removes its result.
        return await LockedCore(SessionOperation.Delete, id, async transaction =>
            await Db.ExecuteCore(Bound($"DELETE FROM {_quotedTable} WHERE id = $1", transaction, id), async, cancellationToken).ConfigureAwait(false) == 1,
            async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TSession> UpdateCore(string id, Func<TSession?, TSession> change, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        ArgumentNullException.ThrowIfNull(change);
        return await LockedCore(SessionOperation.Update, id, async transaction =>
        {
            TSession? current = (await ReadRowCore(id, transaction, async, cancellationToken).ConfigureAwait(false))?.Session;
            (string body, TSession next) = Changed(id, current, change);
            _ = await WriteCore(id, body, transaction, async, cancellationToken).ConfigureAwait(false);
            return next;
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SessionRevision<TSession>> LoadRevisionCore(string id, bool async, CancellationToken cancellationToken) =>
        await ReadRowCore(id, transaction: null, async, cancellationToken).ConfigureAwait(false) is { } row
            ? new SessionRevision<TSession>(row.Session, row.Revision)
            : throw new SessionNotFoundException(id, _location);

    private async ValueTask<string> SaveIfMatchCore(TSession session, string? expectedETag, bool async, CancellationToken cancellationToken)
    {
        (string id, string body) = Prepare(session);
        return await LockedCore(SessionOperation.Save, id, async transaction =>
        {
            string? actual = (await ReadRowCore(id, transaction, async, cancellationToken).ConfigureAwait(false))?.Revision;
            if (!string.Equals(actual, expectedETag, StringComparison.Ordinal))
            {
                throw new SessionConflictException(id, _location, expectedETag, actual);
            }

            long? revision = await WriteCore(id, body, transaction, async, cancellationToken).ConfigureAwait(false);
            return revision!.Value.ToString(CultureInfo.InvariantCulture);
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private (string Id, string Body) Prepare(TSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        string id = _sessionIdOf(session);
        ValidId(id, nameof(session));
        _validate?.Invoke(session);
        using PooledBytes body = _serializer.Serialize(session);
        if (body.Length > _options.MaxSessionBytes)
        {
            throw new SessionTooLargeException(id, body.Length, _options.MaxSessionBytes);
        }

        return (id, Encoding.UTF8.GetString(body.Span));
    }

    /// <summary>The session and its revision, or null when there is none; in <paramref name="transaction"/> when given (its errors are then the transaction's).</summary>
    private async ValueTask<(TSession Session, string Revision)?> ReadRowCore(string id, NpgsqlTransaction? transaction, bool async, CancellationToken cancellationToken) =>
        await ReadBodyCore(id, transaction, async, cancellationToken).ConfigureAwait(false) is { } row
            ? (Materialize(id, row.Body), row.Revision.ToString(CultureInfo.InvariantCulture))
            : null;

    /// <summary>
    /// The session's JSON (its row, and its items from the items table when the type declares a growing list, read in
    /// one statement so a concurrent append is seen whole or not at all) and its revision, or null when there is none.
    /// </summary>
    private async ValueTask<(string Body, long Revision)?> ReadBodyCore(string id, NpgsqlTransaction? transaction, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        string sql = _items is null
            ? $"SELECT body::text, revision, NULL::text FROM {_quotedTable} WHERE id = $1"
            : $"SELECT t.body::text, t.revision, (SELECT json_agg(i.item ORDER BY i.seq)::text FROM {ItemsTable} i WHERE i.id = t.id) FROM {_quotedTable} t WHERE t.id = $1";
        static (string Body, long Revision, string? Items) Read(NpgsqlDataReader reader) => (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        List<(string Body, long Revision, string? Items)> rows = transaction is null
            ? await QueryCore(SessionOperation.Read, id, sql, Read, async, cancellationToken, id).ConfigureAwait(false)
            : await Db.ReadCore(Bound(sql, transaction, id), Read, async, cancellationToken).ConfigureAwait(false);
        return rows is [var row] ? (_items is null ? row.Body : ItemsJson.Join(row.Body, row.Items, _items.JsonName), row.Revision) : null;
    }

    private TSession Materialize(string id, string body)
    {
        TSession session;
        try
        {
            session = _serializer.Deserialize(Encoding.UTF8.GetBytes(body));
            _validate?.Invoke(session);
        }
        catch (SessionFormatException ex)
        {
            throw SessionErrors.Translate(ex, SessionOperation.Read, id, _location);
        }
        catch (NewerSchemaException ex)
        {
            throw new SessionSchemaVersionException(id, _location, ex.FileVersion, _serializer.Schema!.CurrentVersion);
        }
        catch (ArgumentException ex)
        {
            throw new SessionCorruptException(id, _location, ex.Message, ex);
        }

        string storedId = _sessionIdOf(session);
        return string.Equals(storedId, id, StringComparison.Ordinal)
            ? session
            : throw new SessionCorruptException(id, _location, $"the row holds session '{storedId}', not '{id}'");
    }

    private (string Body, TSession Next) Changed(string id, TSession? current, Func<TSession?, TSession> change)
    {
        TSession next = change(current) ?? throw new InvalidOperationException($"The change for session '{id}' returned null.");
        (string nextId, string body) = Prepare(next);
        return string.Equals(nextId, id, StringComparison.Ordinal)
            ? (body, next)
            : throw new ArgumentException($"The change for session '{id}' returned a session with id '{nextId}'.", nameof(change));
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction holding the session's advisory lock: every writer of
    /// one id queues here, on any machine, for at most <see cref="PostgresSessionStoreOptions.LockTimeout"/>.
    /// </summary>
    private ValueTask<TResult> LockedCore<TResult>(
        SessionOperation operation, string id, Func<NpgsqlTransaction, ValueTask<TResult>> work, bool async, CancellationToken cancellationToken) =>
        RunCore(operation, id, async () =>
        {
            NpgsqlConnection connection = await Db.OpenCore(_dataSource, async, cancellationToken).ConfigureAwait(false);
            await using (Db.Own(connection, async))
            {
                NpgsqlTransaction transaction = await Db.BeginCore(connection, async, cancellationToken).ConfigureAwait(false);
                await using (Db.Own(transaction, async))
                {
                    await LockSessionCore(operation, id, transaction, async, cancellationToken).ConfigureAwait(false);
                    TResult result = await work(transaction).ConfigureAwait(false);
                    await Db.CommitCore(transaction, async, cancellationToken).ConfigureAwait(false);
                    return result;
                }
            }
        }, async, cancellationToken);

    /// <summary>Creates the table on first use, runs <paramref name="work"/>, and translates what the server says into the store's exceptions.</summary>
    private async ValueTask<T> RunUntracedCore<T>(SessionOperation operation, string? id, Func<ValueTask<T>> work, bool async, CancellationToken cancellationToken)
    {
        try
        {
            if (!_created && _options.CreateTableOnFirstUse)
            {
                await CreateTableCore(async, cancellationToken).ConfigureAwait(false);
            }

            return await work().ConfigureAwait(false);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, operation, id, _location, _options.LockTimeout);
        }
    }

    private ValueTask<int> ExecuteCore(SessionOperation operation, string? id, string sql, bool async, CancellationToken cancellationToken, params object[] values) =>
        RunCore(operation, id, () => Db.ExecuteCore(Bound(sql, null, values), async, cancellationToken), async, cancellationToken);

    private ValueTask<List<TRow>> QueryCore<TRow>(
        SessionOperation operation, string? id, string sql, Func<NpgsqlDataReader, TRow> read, bool async, CancellationToken cancellationToken, params object[] values) =>
        RunCore(operation, id, () => Db.ReadCore(Bound(sql, null, values), read, async, cancellationToken), async, cancellationToken);

    /// <summary>A command with positional parameters; on the data source, or in <paramref name="transaction"/>.</summary>
    private NpgsqlCommand Bound(string sql, NpgsqlTransaction? transaction, params object[] values)
    {
        NpgsqlCommand command = transaction is null ? _dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, transaction.Connection, transaction);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static void ValidId(string id, string paramName = "id")
    {
        if (!SessionIdRules.IsValid(id))
        {
            throw new InvalidSessionIdException(id, paramName);
        }
    }

    private static string Quoted(string identifier) => "\"" + identifier + "\"";
}

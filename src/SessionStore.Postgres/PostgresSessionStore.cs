using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Npgsql;

namespace SessionStore.Postgres;

/// <summary>
/// Sessions in one PostgreSQL table (<c>id text primary key, body jsonb, revision bigint</c>), behind the
/// same contract as the directory store: ids validated before any I/O, the same typed exceptions, a
/// delete that says whether this call removed the row, updates and conditional saves that are
/// transactional and serialized per session (a transaction-scoped advisory lock), so no update is lost
/// between machines. JSON goes through the given source-generated metadata only (AOT-safe).
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
public partial class PostgresSessionStore<TSession> : ISessionStore<TSession>
    where TSession : class
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly JsonTypeInfo<TSession> _typeInfo;
    private readonly Func<TSession, string> _sessionIdOf;
    private readonly Action<TSession>? _validate;
    private readonly PostgresSessionStoreOptions _options;
    private readonly string _quotedTable;
    private volatile bool _created;

    /// <summary>Creates a store over <paramref name="table"/>.</summary>
    /// <param name="dataSource">Where to connect; build it with <c>NpgsqlSlimDataSourceBuilder</c> for trimmed and NativeAOT apps.</param>
    /// <param name="table">The table's name: letters, digits and '_', starting with a letter, at most 63 characters.</param>
    /// <param name="typeInfo">The source-generated JSON metadata for <typeparamref name="TSession"/>.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="validate">Checks a session beyond its JSON shape; throws <see cref="ArgumentException"/> when invalid.</param>
    /// <param name="options">Lock timeout and table creation.</param>
    public PostgresSessionStore(
        NpgsqlDataSource dataSource, string table, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf,
        Action<TSession>? validate = null, PostgresSessionStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(sessionIdOf);
        if (!IsPlainIdentifier(table))
        {
            throw new ArgumentException($"'{table}' is not a plain table name (letters, digits, '_', starting with a letter, at most 63).", nameof(table));
        }

        _dataSource = dataSource;
        Table = table;
        _quotedTable = "\"" + table + "\"";
        _typeInfo = typeInfo;
        _sessionIdOf = sessionIdOf;
        _validate = validate;
        _options = options ?? new PostgresSessionStoreOptions();
    }

    /// <summary>The table that holds the sessions.</summary>
    public string Table { get; }

    /// <summary>Creates the table if it does not exist.</summary>
    public void EnsureCreated()
    {
        // CREATE TABLE IF NOT EXISTS is not safe against itself: concurrent first uses (threads or
        // machines) serialize on an advisory lock, and a loser that still collides treats it as done.
        using NpgsqlConnection connection = _dataSource.OpenConnection();
        using NpgsqlTransaction transaction = connection.BeginTransaction();
        using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter { Value = "create " + Table });
            lockCommand.ExecuteNonQuery();
        }

        try
        {
            using var create = new NpgsqlCommand(
                $"CREATE TABLE IF NOT EXISTS {_quotedTable} (id text PRIMARY KEY, body jsonb NOT NULL, revision bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())", connection, transaction);
            create.ExecuteNonQuery();
            CreateRetentionTables(connection, transaction);
            transaction.Commit();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
        {
        }

        _created = true;
    }

    /// <inheritdoc />
    public string Save(TSession session)
    {
        (string id, string body) = Prepare(session);
        Run(id, "saved", () =>
        {
            using NpgsqlCommand command = Command(Upsert, id, body);
            command.ExecuteNonQuery();
        });
        return Location(id);
    }

    /// <inheritdoc />
    public async ValueTask<string> SaveAsync(TSession session, CancellationToken cancellationToken = default)
    {
        (string id, string body) = Prepare(session);
        await RunAsync(id, "saved", async () =>
        {
            await using NpgsqlCommand command = Command(Upsert, id, body);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        return Location(id);
    }

    /// <inheritdoc />
    public TSession Load(string id) => TryLoad(id, out TSession? session) ? session : throw new SessionNotFoundException(id, Table);

    /// <inheritdoc />
    public async ValueTask<TSession> LoadAsync(string id, CancellationToken cancellationToken = default) =>
        await TryLoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException(id, Table);

    /// <inheritdoc />
    public bool TryLoad(string id, [NotNullWhen(true)] out TSession? session)
    {
        session = ReadRow(id, forUpdate: null)?.Session;
        return session is not null;
    }

    /// <inheritdoc />
    public async ValueTask<TSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadRowAsync(id, cancellationToken).ConfigureAwait(false))?.Session;

    /// <inheritdoc />
    public IReadOnlyList<string> List() => Run(string.Empty, "listed", () =>
    {
        using NpgsqlCommand command = _dataSource.CreateCommand($"SELECT id FROM {_quotedTable} ORDER BY id COLLATE \"C\"");
        using NpgsqlDataReader reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    });

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        await RunAsync(string.Empty, "listed", async () =>
        {
            await using NpgsqlCommand command = _dataSource.CreateCommand($"SELECT id FROM {_quotedTable} ORDER BY id COLLATE \"C\"");
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var ids = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }

            return (IReadOnlyList<string>)ids;
        }).ConfigureAwait(false);

    /// <inheritdoc />
    public bool Exists(string id)
    {
        ValidId(id);
        return Run(id, "read", () =>
        {
            using NpgsqlCommand command = Command($"SELECT 1 FROM {_quotedTable} WHERE id = $1", id);
            return command.ExecuteScalar() is not null;
        });
    }

    /// <inheritdoc />
    public async ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        return await RunAsync(id, "read", async () =>
        {
            await using NpgsqlCommand command = Command($"SELECT 1 FROM {_quotedTable} WHERE id = $1", id);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public bool Delete(string id)
    {
        ValidId(id);
        try
        {
            EnsureTable();
            using NpgsqlCommand command = Command($"DELETE FROM {_quotedTable} WHERE id = $1", id);
            return command.ExecuteNonQuery() == 1;
        }
        catch (NpgsqlException ex)
        {
            throw new SessionDeleteException(id, Location(id), ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        try
        {
            EnsureTable();
            await using NpgsqlCommand command = Command($"DELETE FROM {_quotedTable} WHERE id = $1", id);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (NpgsqlException ex)
        {
            throw new SessionDeleteException(id, Location(id), ex);
        }
    }

    /// <inheritdoc />
    public TSession Update(string id, Func<TSession?, TSession> change)
    {
        ValidId(id);
        ArgumentNullException.ThrowIfNull(change);
        return Locked(id, transaction =>
        {
            TSession? current = ReadRow(id, transaction)?.Session;
            (string body, TSession next) = Changed(id, current, change);
            using NpgsqlCommand command = Command(Upsert, id, body, transaction);
            command.ExecuteNonQuery();
            return next;
        });
    }

    /// <inheritdoc />
    public async ValueTask<TSession> UpdateAsync(string id, Func<TSession?, TSession> change, CancellationToken cancellationToken = default)
    {
        ValidId(id);
        ArgumentNullException.ThrowIfNull(change);
        return await LockedAsync(id, async transaction =>
        {
            TSession? current = (await ReadRowAsync(id, cancellationToken, transaction).ConfigureAwait(false))?.Session;
            (string body, TSession next) = Changed(id, current, change);
            await using NpgsqlCommand command = Command(Upsert, id, body, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return next;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public SessionRevision<TSession> LoadRevision(string id) =>
        ReadRow(id, forUpdate: null) is { } row ? new SessionRevision<TSession>(row.Session, row.Revision) : throw new SessionNotFoundException(id, Table);

    /// <inheritdoc />
    public async ValueTask<SessionRevision<TSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default) =>
        await ReadRowAsync(id, cancellationToken).ConfigureAwait(false) is { } row
            ? new SessionRevision<TSession>(row.Session, row.Revision)
            : throw new SessionNotFoundException(id, Table);

    /// <inheritdoc />
    public string SaveIfMatch(TSession session, string? expectedETag)
    {
        (string id, string body) = Prepare(session);
        return Locked(id, transaction =>
        {
            string? actual = ReadRow(id, transaction)?.Revision;
            if (!string.Equals(actual, expectedETag, StringComparison.Ordinal))
            {
                throw new SessionConflictException(id, Location(id), expectedETag, actual);
            }

            using NpgsqlCommand command = Command(Upsert + " RETURNING revision", id, body, transaction);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        });
    }

    /// <inheritdoc />
    public async ValueTask<string> SaveIfMatchAsync(TSession session, string? expectedETag, CancellationToken cancellationToken = default)
    {
        (string id, string body) = Prepare(session);
        return await LockedAsync(id, async transaction =>
        {
            string? actual = (await ReadRowAsync(id, cancellationToken, transaction).ConfigureAwait(false))?.Revision;
            if (!string.Equals(actual, expectedETag, StringComparison.Ordinal))
            {
                throw new SessionConflictException(id, Location(id), expectedETag, actual);
            }

            await using NpgsqlCommand command = Command(Upsert + " RETURNING revision", id, body, transaction);
            object? revision = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return Convert.ToInt64(revision, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }, cancellationToken).ConfigureAwait(false);
    }

    private string Upsert =>
        $"INSERT INTO {_quotedTable} AS t (id, body, revision) VALUES ($1, $2::jsonb, 1) ON CONFLICT (id) DO UPDATE SET body = excluded.body, revision = t.revision + 1, updated_at = now()";

    private string Location(string id) => "postgres:" + Table + "/" + id;

    private (string Id, string Body) Prepare(TSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        string id = _sessionIdOf(session);
        ValidId(id, nameof(session));
        _validate?.Invoke(session);
        try
        {
            return (id, JsonSerializer.Serialize(session, _typeInfo));
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new ArgumentException($"The session cannot be written as JSON: {ex.Message}", nameof(session), ex);
        }
    }

    private (TSession Session, string Revision)? ReadRow(string id, NpgsqlTransaction? forUpdate)
    {
        ValidId(id);
        (string Body, long Revision)? row = Run(id, "read", () =>
        {
            using NpgsqlCommand command = Command($"SELECT body::text, revision FROM {_quotedTable} WHERE id = $1", id, transaction: forUpdate);
            using NpgsqlDataReader reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : ((string, long)?)null;
        }, forUpdate is null);
        return row is { } found ? (Materialize(id, found.Body), found.Revision.ToString(CultureInfo.InvariantCulture)) : null;
    }

    private async ValueTask<(TSession Session, string Revision)?> ReadRowAsync(string id, CancellationToken cancellationToken, NpgsqlTransaction? transaction = null)
    {
        ValidId(id);
        (string Body, long Revision)? row = await RunAsync(id, "read", async () =>
        {
            await using NpgsqlCommand command = Command($"SELECT body::text, revision FROM {_quotedTable} WHERE id = $1", id, transaction: transaction);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? (reader.GetString(0), reader.GetInt64(1)) : ((string, long)?)null;
        }).ConfigureAwait(false);
        return row is { } found ? (Materialize(id, found.Body), found.Revision.ToString(CultureInfo.InvariantCulture)) : null;
    }

    private TSession Materialize(string id, string body)
    {
        TSession? session;
        try
        {
            session = JsonSerializer.Deserialize(body, _typeInfo);
            if (session is not null)
            {
                _validate?.Invoke(session);
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new SessionCorruptException(id, Location(id), ex.Message, ex);
        }

        if (session is null)
        {
            throw new SessionCorruptException(id, Location(id), "the row holds JSON null, not a session");
        }

        string storedId = _sessionIdOf(session);
        return string.Equals(storedId, id, StringComparison.Ordinal)
            ? session
            : throw new SessionCorruptException(id, Location(id), $"the row holds session '{storedId}', not '{id}'");
    }

    /// <summary>Runs <paramref name="work"/> in a transaction holding the session's advisory lock: every writer of one id queues here, on any machine.</summary>
    private TResult Locked<TResult>(string id, Func<NpgsqlTransaction, TResult> work)
    {
        EnsureTable();
        try
        {
            using NpgsqlConnection connection = _dataSource.OpenConnection();
            using NpgsqlTransaction transaction = connection.BeginTransaction();
            using (NpgsqlCommand timeout = LockTimeoutCommand(connection, transaction))
            {
                timeout.ExecuteNonQuery();
            }

            using (NpgsqlCommand lockCommand = AdvisoryLockCommand(id, connection, transaction))
            {
                lockCommand.ExecuteNonQuery();
            }

            TResult result = work(transaction);
            transaction.Commit();
            return result;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new SessionLockTimeoutException(id, "advisory lock of " + Location(id), _options.LockTimeout);
        }
        catch (NpgsqlException ex)
        {
            throw new SessionStorageException(id, Location(id), "updated", ex);
        }
    }

    private (string Body, TSession Next) Changed(string id, TSession? current, Func<TSession?, TSession> change)
    {
        TSession next = change(current) ?? throw new InvalidOperationException($"The change for session '{id}' returned null.");
        (string nextId, string body) = Prepare(next);
        return string.Equals(nextId, id, StringComparison.Ordinal)
            ? (body, next)
            : throw new ArgumentException($"The change for session '{id}' returned a session with id '{nextId}'.", nameof(change));
    }

    private async ValueTask<TResult> LockedAsync<TResult>(string id, Func<NpgsqlTransaction, Task<TResult>> work, CancellationToken cancellationToken)
    {
        EnsureTable();
        try
        {
            await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (NpgsqlCommand timeout = LockTimeoutCommand(connection, transaction))
            {
                await timeout.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (NpgsqlCommand lockCommand = AdvisoryLockCommand(id, connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            TResult result = await work(transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new SessionLockTimeoutException(id, "advisory lock of " + Location(id), _options.LockTimeout);
        }
        catch (NpgsqlException ex)
        {
            throw new SessionStorageException(id, Location(id), "updated", ex);
        }
    }

    private NpgsqlCommand LockTimeoutCommand(NpgsqlConnection connection, NpgsqlTransaction transaction) =>
        new(string.Create(CultureInfo.InvariantCulture, $"SET LOCAL lock_timeout = '{(long)_options.LockTimeout.TotalMilliseconds}ms'"), connection, transaction);

    private NpgsqlCommand AdvisoryLockCommand(string id, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = Table + "/" + id });
        return command;
    }

    private NpgsqlCommand Command(string sql, string id, string? body = null, NpgsqlTransaction? transaction = null)
    {
        NpgsqlCommand command = transaction is null ? _dataSource.CreateCommand(sql) : new NpgsqlCommand(sql, transaction.Connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        if (body is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = body });
        }

        return command;
    }

    private T Run<T>(string id, string operation, Func<T> work, bool ensureTable = true)
    {
        try
        {
            if (ensureTable)
            {
                EnsureTable();
            }

            return work();
        }
        catch (NpgsqlException ex)
        {
            throw new SessionStorageException(id, Location(id), operation, ex);
        }
    }

    private void Run(string id, string operation, Action work) => Run(id, operation, () =>
    {
        work();
        return true;
    });

    private async ValueTask<T> RunAsync<T>(string id, string operation, Func<Task<T>> work)
    {
        try
        {
            EnsureTable();
            return await work().ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new SessionStorageException(id, Location(id), operation, ex);
        }
    }

    private ValueTask<bool> RunAsync(string id, string operation, Func<Task> work) => RunAsync(id, operation, async () =>
    {
        await work().ConfigureAwait(false);
        return true;
    });

    private void EnsureTable()
    {
        if (!_created && _options.CreateTableOnFirstUse)
        {
            EnsureCreated();
        }
    }

    private static void ValidId(string id, string paramName = "id")
    {
        if (!SessionIdRules.IsValid(id))
        {
            throw new InvalidSessionIdException(id, paramName);
        }
    }

    private static bool IsPlainIdentifier(string? name) =>
        name is { Length: > 0 and <= 63 } && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

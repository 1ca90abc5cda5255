using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using SessionStore.Buffers;
using SessionStore.Postgres.Data;
using SessionStore.Serialization;
using SessionStore.Storage;

namespace SessionStore.Postgres;

/// <summary>
/// Typed appends: a session type that declares its growing list (<see cref="SessionDescriptor{TSession}.Items"/>)
/// keeps the list's items in <c>&lt;table&gt;_items (id, seq, item, total)</c>, one row per item in order, and the
/// session's row holds the session with an empty list. An append, under the session's lock, reads the row and the
/// last item's row, inserts the new items and rewrites the row (the session without its items, a new revision):
/// its cost depends on the row and the appended items, not on the list. A load reads the row and its items in one
/// statement. Rows written whole (by an older version, or restored from the trash, which keeps sessions whole) are
/// read as they are and split once by their first append.
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionAppender<TSession>
{
    private string ItemsTable => Quoted(Table + "_items");

    /// <inheritdoc/>
    public bool CanAppend<TItem>() => _items is SessionItems<TSession, TItem>;

    /// <inheritdoc/>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="OverflowException">A total would overflow (as the totals function says); nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored row is corrupt; nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">The session's lock stayed taken for <see cref="PostgresSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The server refused or could not be reached; nothing was appended.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored row has a newer schema version than this store writes; it is left as it was.</exception>
    /// <remarks>One transaction holding the session's advisory lock: two statements to read the row and the last item, one to insert the items, one to rewrite the row.</remarks>
    public void Append<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null) =>
        Completed.Wait(AppendCore(id, items, totals, async: false, CancellationToken.None));

    /// <inheritdoc/>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="OverflowException">A total would overflow (as the totals function says); nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored row is corrupt; nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">The session's lock stayed taken for <see cref="PostgresSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The server refused or could not be reached; nothing was appended.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored row has a newer schema version than this store writes; it is left as it was.</exception>
    public ValueTask AppendAsync<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null, CancellationToken cancellationToken = default) =>
        AppendCore(id, items, totals, async: true, cancellationToken);

    private IEnumerable<string> ItemsTableSql()
    {
        if (_items is not null)
        {
            yield return $"CREATE TABLE IF NOT EXISTS {ItemsTable} (id text NOT NULL REFERENCES {_quotedTable} (id) ON DELETE CASCADE, " +
                "seq bigint NOT NULL, item json NOT NULL, total bigint NOT NULL, PRIMARY KEY (id, seq))";
        }
    }

    private SessionItems<TSession, TItem> ItemsOf<TItem>() =>
        _items as SessionItems<TSession, TItem> ?? throw new InvalidOperationException(_items is null
            ? $"{typeof(TSession).Name} declares no growing list: give its descriptor one (SessionDescriptor.WithItems, or [SessionItems] on a generated store)."
            : $"{typeof(TSession).Name}'s growing list holds {_items.ItemType.Name}, not {typeof(TItem).Name}.");

    /// <summary>
    /// Writes a whole session (<paramref name="body"/>, checked by <see cref="Prepare"/>) in <paramref name="transaction"/>, which holds
    /// the session's lock: the row, and for a type with a growing list, the row without the items and the items replaced.
    /// </summary>
    /// <returns>The new revision, or null when the row has a newer schema and was left as it was.</returns>
    private async ValueTask<long?> WriteCore(string id, string body, NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        if (_items is null || ItemsJson.Split(body, _items.JsonName) is not var (shell, items))
        {
            long? whole = await Db.ScalarCore(Bound(_upsert + " RETURNING revision", transaction, id, body, Now), async, cancellationToken).ConfigureAwait(false);
            if (whole is not null && _items is not null)
            {
                _ = await Db.ExecuteCore(Bound($"DELETE FROM {ItemsTable} WHERE id = $1", transaction, id), async, cancellationToken).ConfigureAwait(false);
            }

            return whole;
        }

        long? revision = await Db.ScalarCore(Bound(_upsert + " RETURNING revision", transaction, id, shell, Now), async, cancellationToken).ConfigureAwait(false);
        if (revision is not null)
        {
            _ = await Db.ExecuteCore(Bound($"DELETE FROM {ItemsTable} WHERE id = $1", transaction, id), async, cancellationToken).ConfigureAwait(false);
            _ = await InsertItemsCore(id, 0, 0, items, transaction, async, cancellationToken).ConfigureAwait(false);
        }

        return revision;
    }

    /// <summary>Inserts items after the item <paramref name="lastSeq"/>, whose running total of bytes is <paramref name="lastTotal"/>; the new running total.</summary>
    /// <remarks>Rows of positional parameters, not arrays: a data source built with <c>NpgsqlSlimDataSourceBuilder</c> writes no arrays.</remarks>
    private async ValueTask<long> InsertItemsCore(string id, long lastSeq, long lastTotal, IReadOnlyList<string> items, NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        const int PerStatement = 1000;
        long total = lastTotal;
        for (int first = 0; first < items.Count; first += PerStatement)
        {
            int count = Math.Min(PerStatement, items.Count - first);
            var sql = new StringBuilder($"INSERT INTO {ItemsTable} (id, seq, item, total) VALUES ");
            object[] values = new object[1 + 3 * count];
            values[0] = id;
            for (int i = 0; i < count; i++)
            {
                string item = items[first + i];
                total += Encoding.UTF8.GetByteCount(item) + 1;
                int p = 2 + 3 * i;
                _ = sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}($1, ${p}, ${p + 1}::json, ${p + 2})");
                values[p - 1] = lastSeq + first + i + 1;
                values[p] = item;
                values[p + 1] = total;
            }

            _ = await Db.ExecuteCore(Bound(sql.ToString(), transaction, values), async, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private async ValueTask AppendCore<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        ArgumentNullException.ThrowIfNull(items);
        SessionItems<TSession, TItem> declared = ItemsOf<TItem>();
        totals ??= declared.UpdateTotals;
        string[] itemJson = SerializeItems(declared, items);
        _ = await LockedCore(SessionOperation.Append, id, async transaction =>
        {
            await AppendLockedCore(id, declared, totals, items, itemJson, transaction, async, cancellationToken).ConfigureAwait(false);
            return true;
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AppendLockedCore<TItem>(string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals,
        IReadOnlyList<TItem> items, string[] itemJson, NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        string sql = $"SELECT t.body::text, l.seq, l.total FROM {_quotedTable} t " +
            $"LEFT JOIN LATERAL (SELECT seq, total FROM {ItemsTable} i WHERE i.id = t.id ORDER BY seq DESC LIMIT 1) l ON true WHERE t.id = $1";
        static (string Body, long Seq, long Total) Read(NpgsqlDataReader reader) => (reader.GetString(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
        List<(string Body, long Seq, long Total)> rows = await Db.ReadCore(Bound(sql, transaction, id), Read, async, cancellationToken).ConfigureAwait(false);

        string shellBody;
        long lastSeq, lastTotal;
        if (rows is [var row] && IsShell(row.Body, declared.JsonName))
        {
            (shellBody, lastSeq, lastTotal) = row;
        }
        else
        {
            // No row yet, or one written whole (older version, older schema, restored from the trash): write it split, once.
            TSession whole = rows.Count == 0
                ? declared.Create?.Invoke(id) ?? throw new SessionNotFoundException(id, _location)
                : (await ReadRowCore(id, transaction, async, cancellationToken).ConfigureAwait(false))!.Value.Session;
            (string wholeId, string body) = Prepare(whole);
            if (!string.Equals(wholeId, id, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The descriptor created a session with id '{wholeId}' for '{id}'.");
            }

            (shellBody, List<string> existing) = ItemsJson.Split(body, declared.JsonName)
                ?? throw new InvalidOperationException($"{typeof(TSession).Name}'s '{declared.JsonName}' is not a JSON array (is it null?); nothing was written.");
            _ = await WriteCore(id, body, transaction, async, cancellationToken).ConfigureAwait(false);
            lastSeq = existing.Count;
            lastTotal = existing.Sum(i => Encoding.UTF8.GetByteCount(i) + 1L);
        }

        string nextShell = Totalled(id, declared, totals, items, itemJson, shellBody);
        long size = Encoding.UTF8.GetByteCount(nextShell) + lastTotal + itemJson.Sum(i => Encoding.UTF8.GetByteCount(i) + 1L);
        if (size > _options.MaxSessionBytes)
        {
            throw new SessionTooLargeException(id, size, _options.MaxSessionBytes);
        }

        _ = await InsertItemsCore(id, lastSeq, lastTotal, itemJson, transaction, async, cancellationToken).ConfigureAwait(false);
        _ = await Db.ExecuteCore(Bound(
            $"UPDATE {_quotedTable} SET body = $2::json, revision = nextval('{RevisionSequence}'), updated_at = $3 WHERE id = $1",
            transaction, id, nextShell, Now), async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a row holds a session without its items at this store's schema version, which appends extend as it is.</summary>
    private bool IsShell(string body, string jsonName)
    {
        byte[] json = Encoding.UTF8.GetBytes(body);
        try
        {
            return ItemsJson.Find(json, jsonName) is var (start, end) && json.AsSpan(start + 1, end - start - 2).Trim(" \t\r\n"u8).IsEmpty &&
                (_serializer.Schema is not { } schema || SchemaVersionReader.Read(json) == schema.CurrentVersion);
        }
        catch (Exception ex) when (ex is JsonException or SessionFormatException)
        {
            // Let the whole read say what is wrong.
            return false;
        }
    }

    /// <summary>The row's next body: the session without its items, its totals updated for <paramref name="items"/>; checked, with the new items, to be a valid session.</summary>
    private string Totalled<TItem>(string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals,
        IReadOnlyList<TItem> items, string[] itemJson, string shellBody)
    {
        TSession shell = Deserialized(id, shellBody, SessionOperation.Append);
        if (totals is not null)
        {
            shell = totals(shell, items) ?? throw new InvalidOperationException("The totals function returned null.");
        }

        if (!string.Equals(_sessionIdOf(shell), id, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The totals function changed the session's id from '{id}'.");
        }

        using PooledBytes serialized = _serializer.Serialize(shell);
        (string next, List<string> added) = ItemsJson.Split(Encoding.UTF8.GetString(serialized.Span), declared.JsonName)
            ?? throw new InvalidOperationException($"The totals function left '{declared.JsonName}' null.");
        if (added.Count > 0)
        {
            throw new InvalidOperationException($"The totals function added items to '{declared.JsonName}'; it updates totals only.");
        }

        // The session without its old items, with the new ones, must be a valid session (as the directory store checks).
        TSession appended;
        try
        {
            appended = _serializer.Deserialize(Encoding.UTF8.GetBytes(ItemsJson.Join(next, "[" + string.Join(",", itemJson) + "]", declared.JsonName)));
        }
        catch (SessionFormatException ex)
        {
            throw new ArgumentException($"The session with the appended items cannot be read back: {ex.Message}; nothing was written.", ex);
        }

        _validate?.Invoke(appended);
        return next;
    }

    private TSession Deserialized(string id, string body, SessionOperation operation)
    {
        try
        {
            return _serializer.Deserialize(Encoding.UTF8.GetBytes(body));
        }
        catch (SessionFormatException ex)
        {
            throw SessionErrors.Translate(ex, operation, id, _location);
        }
        catch (NewerSchemaException ex)
        {
            throw new SessionSchemaVersionException(id, _location, ex.FileVersion, _serializer.Schema!.CurrentVersion);
        }
    }

    private static string[] SerializeItems<TItem>(SessionItems<TSession, TItem> declared, IReadOnlyList<TItem> items)
    {
        string[] json = new string[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {i} is null; nothing was written."), nameof(items));
            }

            try
            {
                json[i] = JsonSerializer.Serialize(items[i], declared.ItemTypeInfo);
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or JsonException)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Item {i} cannot be written as JSON: {ex.Message}"), nameof(items), ex);
            }
        }

        return json;
    }
}

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
/// read as they are and split once by their first append. An append never extends a session that no load could
/// read: the first append of an instance to a version of the items it has not written reads them all once and
/// checks them (a bad item row another client wrote makes it fail with <see cref="SessionCorruptException"/>).
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionAppender<TSession>
{
    /// <summary>The versions of sessions' items this instance wrote or read whole and found loadable, by id.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ItemsVersion> _verifiedItems = new(StringComparer.Ordinal);

    private string ItemsTable => Quoted(Table + "_items");

    private bool IsVerified(string id, ItemsVersion version) => _verifiedItems.TryGetValue(id, out ItemsVersion known) && known == version;

    private void Verified(string id, ItemsVersion version)
    {
        if (_verifiedItems.Count > 4096)
        {
            _verifiedItems.Clear();
        }

        _verifiedItems[id] = version;
    }

    /// <inheritdoc/>
    public bool CanAppend<TItem>() => _items is SessionItems<TSession, TItem>;

    /// <inheritdoc/>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="OverflowException">A total would overflow (as the totals function says); nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored row, or an item row another client wrote, is corrupt; nothing was written.</exception>
    /// <exception cref="ArgumentException">An item is null, cannot be written as JSON or holds a lone surrogate, or the session the append makes is not valid (see <see cref="SessionItems{TSession, TItem}.ValidateAppend"/>); nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">The session's lock stayed taken for <see cref="PostgresSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The server refused or could not be reached; nothing was appended.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored row has a newer schema version than this store writes; it is left as it was.</exception>
    /// <remarks>
    /// One transaction holding the session's advisory lock: two statements to read the row and the last item, one to insert the items,
    /// one to rewrite the row; plus, once per version of the items this instance did not write, or on every append when the descriptor
    /// validates whole sessions and declares no append validator, one to read all the items and check the session.
    /// </remarks>
    public void Append<TItem>(string id, IReadOnlyList<TItem> items, Func<TSession, IReadOnlyList<TItem>, TSession>? totals = null) =>
        Completed.Wait(AppendCore(id, items, totals, async: false, CancellationToken.None));

    /// <inheritdoc/>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="OverflowException">A total would overflow (as the totals function says); nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored row, or an item row another client wrote, is corrupt; nothing was written.</exception>
    /// <exception cref="ArgumentException">An item is null, cannot be written as JSON or holds a lone surrogate, or the session the append makes is not valid (see <see cref="SessionItems{TSession, TItem}.ValidateAppend"/>); nothing was written.</exception>
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

            if (whole is not null)
            {
                await WriteDerivedCore(id, CatalogDerived.Of(body, ItemsName), transaction, async, cancellationToken).ConfigureAwait(false);
            }

            return whole;
        }

        long? revision = await Db.ScalarCore(Bound(_upsert + " RETURNING revision", transaction, id, shell, Now), async, cancellationToken).ConfigureAwait(false);
        if (revision is not null)
        {
            _ = await Db.ExecuteCore(Bound($"DELETE FROM {ItemsTable} WHERE id = $1", transaction, id), async, cancellationToken).ConfigureAwait(false);
            _ = await InsertItemsCore(id, 0, 0, items, transaction, async, cancellationToken).ConfigureAwait(false);
            await WriteDerivedCore(id, CatalogDerived.Of(body, ItemsName), transaction, async, cancellationToken).ConfigureAwait(false);
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
        string[] itemJson = Array.ConvertAll(ItemSerializer.Serialize(declared, items), static json => Encoding.UTF8.GetString(json));
        _ = await LockedCore(SessionOperation.Append, id, async transaction =>
        {
            await AppendLockedCore(id, declared, totals, items, itemJson, transaction, async, cancellationToken).ConfigureAwait(false);
            return true;
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AppendLockedCore<TItem>(string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals,
        IReadOnlyList<TItem> items, string[] itemJson, NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        string sql = $"SELECT t.body::text, t.revision, l.seq, l.total, t.item_count, t.derived_title, t.meta_rev IS NOT DISTINCT FROM t.revision FROM {_quotedTable} t " +
            $"LEFT JOIN LATERAL (SELECT seq, total FROM {ItemsTable} i WHERE i.id = t.id ORDER BY seq DESC LIMIT 1) l ON true WHERE t.id = $1";
        static (string Body, ItemsVersion Version, CatalogBase Catalog) Read(NpgsqlDataReader reader) =>
            (reader.GetString(0), new ItemsVersion(reader.GetInt64(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2), reader.IsDBNull(3) ? 0 : reader.GetInt64(3)),
            new CatalogBase(reader.GetInt32(4), reader.GetString(5), reader.GetBoolean(6)));
        List<(string Body, ItemsVersion Version, CatalogBase Catalog)> rows = await Db.ReadCore(Bound(sql, transaction, id), Read, async, cancellationToken).ConfigureAwait(false);
        bool validateWhole = declared.ValidateAppend is null && _validate is not null;

        string shellBody;
        long lastSeq, lastTotal;
        List<string>? existing = null;

        // The catalog's columns as they were, when they are current: the append then adds to them (O(delta)); else it derives them again whole.
        CatalogBase? catalog = null;
        if (rows is [var row] && IsShell(row.Body, declared.JsonName))
        {
            (shellBody, lastSeq, lastTotal) = (row.Body, row.Version.LastSeq, row.Version.LastTotal);
            catalog = row.Catalog.Fresh ? row.Catalog : null;
            if (validateWhole || !IsVerified(id, row.Version))
            {
                // A version of the items this instance has not read (another client's, or a row with bad items), or a rule that needs them all.
                existing = await ReadItemsCheckedCore(id, declared.JsonName, transaction, async, cancellationToken).ConfigureAwait(false);
            }
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

            (shellBody, existing) = ItemsJson.Split(body, declared.JsonName)
                ?? throw new InvalidOperationException($"{typeof(TSession).Name}'s '{declared.JsonName}' is not a JSON array (is it null?); nothing was written.");
            _ = await WriteCore(id, body, transaction, async, cancellationToken).ConfigureAwait(false);
            lastSeq = existing.Count;
            lastTotal = existing.Sum(i => Encoding.UTF8.GetByteCount(i) + 1L);
        }

        string nextShell = Totalled(id, declared, totals, items, itemJson, shellBody, validateWhole ? existing : null);
        long size = Encoding.UTF8.GetByteCount(nextShell) + lastTotal + itemJson.Sum(i => Encoding.UTF8.GetByteCount(i) + 1L);
        if (size > _options.MaxSessionBytes)
        {
            throw new SessionTooLargeException(id, size, _options.MaxSessionBytes);
        }

        long total = await InsertItemsCore(id, lastSeq, lastTotal, itemJson, transaction, async, cancellationToken).ConfigureAwait(false);
        long? revision = catalog is { } current
            ? await AppendCatalogCore(id, current, nextShell, itemJson, size, transaction, async, cancellationToken).ConfigureAwait(false)
            : await Db.ScalarCore(Bound(
                $"UPDATE {_quotedTable} SET body = $2::json, revision = nextval('{RevisionSequence}'), updated_at = $3 WHERE id = $1 RETURNING revision",
                transaction, id, nextShell, Now), async, cancellationToken).ConfigureAwait(false);
        if (revision is { } written)
        {
            if (catalog is null)
            {
                await DeriveLockedCore(id, transaction, async, cancellationToken).ConfigureAwait(false);
            }

            Verified(id, new ItemsVersion(written, lastSeq + itemJson.Length, total));
        }
    }

    /// <summary>
    /// The append's row update with the catalog's columns added to in O(delta): the count, the size, the shell's totals,
    /// the title when the session had none, and the new items' text rows; the new revision.
    /// </summary>
    private async ValueTask<long?> AppendCatalogCore(string id, CatalogBase current, string nextShell, string[] itemJson, long size,
        NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        var added = new List<SessionItemText>(itemJson.Length);
        for (int i = 0; i < itemJson.Length; i++)
        {
            added.Add(SessionText.ReadItem(Encoding.UTF8.GetBytes(itemJson[i]), current.ItemCount + i));
        }

        byte[] shell = Encoding.UTF8.GetBytes(nextShell);
        string? stored = SessionText.Read(shell, ItemsName).StoredTitle;
        string derived = CatalogDerived.Storable(stored ?? (current.DerivedTitle.Length > 0 ? current.DerivedTitle : SessionText.DeriveTitle(added)), int.MaxValue);
        (long input, long output) = CatalogDerived.Tokens(shell);
        List<(long Revision, string Title)> rows = await Db.ReadCore(Bound(
            $"UPDATE {_quotedTable} t SET body = $2::json, revision = n.v, meta_rev = n.v, updated_at = $3, item_count = t.item_count + $4, size_bytes = $5, " +
            "input_tokens = $6, output_tokens = $7, derived_title = $8, title = CASE WHEN t.custom_title THEN t.title ELSE $8 END " +
            $"FROM (SELECT nextval('{RevisionSequence}') AS v) n WHERE t.id = $1 RETURNING t.revision, t.title",
            transaction, id, nextShell, Now, itemJson.Length, size, input, output, derived), static r => (r.GetInt64(0), r.GetString(1)), async, cancellationToken).ConfigureAwait(false);
        if (rows is not [var (revision, title)])
        {
            return null;
        }

        await InsertTextCore(id, added.Select(a => (a.Index, CatalogDerived.Storable(a.Text, CatalogDerived.MaxIndexedChars))).Where(a => a.Item2.Length > 0), transaction, async, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(derived, current.DerivedTitle, StringComparison.Ordinal))
        {
            await SetTitleRowCore(id, title, transaction, async, cancellationToken).ConfigureAwait(false);
        }

        return revision;
    }

    /// <summary>The session's items as JSON, after checking that the whole session (its row and all its items) loads: an append never extends a session no load can read.</summary>
    /// <exception cref="SessionCorruptException">The row or an item does not read back as a valid session.</exception>
    private async ValueTask<List<string>> ReadItemsCheckedCore(string id, string jsonName, NpgsqlTransaction transaction, bool async, CancellationToken cancellationToken)
    {
        (string body, _) = (await ReadBodyCore(id, transaction, async, cancellationToken).ConfigureAwait(false))!.Value;
        _ = Materialize(id, body);
        return ItemsJson.Split(body, jsonName)!.Value.Items;
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

    /// <summary>
    /// The row's next body: the session without its items, its totals updated for <paramref name="items"/>, checked by
    /// the descriptor's append validator and, with the new items, to read back as a session; and when
    /// <paramref name="existing"/> holds all the session's items, the whole session as it will be by its validator.
    /// </summary>
    private string Totalled<TItem>(string id, SessionItems<TSession, TItem> declared, Func<TSession, IReadOnlyList<TItem>, TSession>? totals,
        IReadOnlyList<TItem> items, string[] itemJson, string shellBody, List<string>? existing)
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

        declared.ValidateAppend?.Invoke(shell, items);
        using PooledBytes serialized = _serializer.Serialize(shell);
        (string next, List<string> added) = ItemsJson.Split(Encoding.UTF8.GetString(serialized.Span), declared.JsonName)
            ?? throw new InvalidOperationException($"The totals function left '{declared.JsonName}' null.");
        if (added.Count > 0)
        {
            throw new InvalidOperationException($"The totals function added items to '{declared.JsonName}'; it updates totals only.");
        }

        // The session as it will be (or without its old items, with the new ones) must read back, as the directory store checks.
        IEnumerable<string> after = existing is null ? itemJson : existing.Concat(itemJson);
        TSession appended;
        try
        {
            appended = _serializer.Deserialize(Encoding.UTF8.GetBytes(ItemsJson.Join(next, "[" + string.Join(",", after) + "]", declared.JsonName)));
        }
        catch (SessionFormatException ex)
        {
            throw new ArgumentException($"The session with the appended items cannot be read back: {ex.Message}; nothing was written.", ex);
        }

        if (existing is not null)
        {
            _validate?.Invoke(appended);
        }

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
}

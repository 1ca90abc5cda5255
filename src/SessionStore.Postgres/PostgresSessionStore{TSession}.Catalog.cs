using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using SessionStore.Postgres.Data;
using SessionStore.Storage;

namespace SessionStore.Postgres;

/// <summary>
/// The catalog on PostgreSQL (<see cref="ISessionCatalog"/>): queries are keyset pages over the metadata columns'
/// indexes (<c>_rec</c> recency, <c>_crt</c> creation, <c>_idc</c> id, <c>_ttl</c> title, <c>_own</c>/<c>_agt</c>
/// owner and agent by recency, <c>_tag</c> GIN on tags), and a search is PostgreSQL's full-text search over the text
/// rows (GIN on <c>tsv</c>, the <c>simple</c> configuration: no stemming and no stop words, so any language's words
/// are found as written and by prefix). Each word is a prefix query (<c>'word':*</c>, quoted by the server with
/// <c>quote_literal</c> of a parameter) and each phrase a <c>phraseto_tsquery</c> of a parameter: no caller text is
/// ever read as query syntax. A session matches when each term occurs in one of its items or its title; its rank is
/// the sum of its matching rows' <c>ts_rank</c> (length-normalized), and its snippet is <c>ts_headline</c> of the row
/// that matches the most terms best.
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionCatalog
{
    /// <inheritdoc />
    public SessionMetadata? GetMetadata(string id) => Completed.Result(GetMetadataCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default) => GetMetadataCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>One transaction: the row read <c>FOR UPDATE</c> (its lock wait bounded by <see cref="PostgresSessionStoreOptions.LockTimeout"/>), its caller columns written, and the title's text row when the title changes; the body and the revision are not touched.</remarks>
    public SessionMetadata UpdateMetadata(string id, SessionMetadataChange change) => Completed.Result(UpdateMetadataCore(id, change, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) =>
        UpdateMetadataCore(id, change, async: true, cancellationToken);

    /// <inheritdoc />
    public SessionQueryPage Query(SessionQuery query) => Completed.Result(QueryCore(query, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default) => QueryCore(query, async: true, cancellationToken);

    /// <inheritdoc />
    public SessionSearchPage Search(string text, SessionQuery? query = null) => Completed.Result(SearchCore(text, query, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default) =>
        SearchCore(text, query, async: true, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Walks the table in id order, two hundred sessions per transaction, each derived again from its stored JSON only if no write changed it meanwhile (that write derived it itself); the caller's columns are kept.</remarks>
    public int Rebuild(IProgress<int>? progress = null) => Completed.Result(RebuildCore(progress, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) => RebuildCore(progress, async: true, cancellationToken);

    private async ValueTask<SessionMetadata?> GetMetadataCore(string id, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        string sql = $"SELECT {MetadataColumns}, t.meta_rev IS NOT DISTINCT FROM t.revision FROM {_quotedTable} t WHERE t.id = $1";
        return await RunCore(SessionOperation.Read, id, async () =>
        {
            for (int attempt = 0; ; attempt++)
            {
                List<(SessionMetadata Metadata, bool Fresh)> rows = await Db.ReadCore(
                    Bound(sql, null, id), static r => (ReadMetadata(r), r.GetBoolean(MetadataColumnCount)), async, cancellationToken).ConfigureAwait(false);
                if (rows is not [var row])
                {
                    return null;
                }

                if (row.Fresh || attempt > 0)
                {
                    return row.Metadata;
                }

                _ = await DeriveBatchCore("t.id = $1", [id], async, cancellationToken).ConfigureAwait(false);
            }
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SessionMetadata> UpdateMetadataCore(string id, SessionMetadataChange change, bool async, CancellationToken cancellationToken)
    {
        ValidId(id);
        ArgumentNullException.ThrowIfNull(change);
        change.Validate();
        return await TransactionCore(SessionOperation.Update, id, async transaction =>
        {
            await BoundLockWaitsCore(transaction, async, cancellationToken).ConfigureAwait(false);
            List<(SessionMetadata Metadata, string Derived)> rows = await Db.ReadCore(
                Bound($"SELECT {MetadataColumns}, t.derived_title FROM {_quotedTable} t WHERE t.id = $1 FOR UPDATE", transaction, id),
                static r => (ReadMetadata(r), r.GetString(MetadataColumnCount)), async, cancellationToken).ConfigureAwait(false);
            if (rows is not [var (current, derived)])
            {
                throw new SessionNotFoundException(id, _location);
            }

            SessionMetadata next = change.ApplyTo(current, derived);
            var values = new List<object> { id, next.Title, next.HasCustomTitle, (object?)next.Owner ?? DBNull.Value, (object?)next.Agent ?? DBNull.Value, FieldsJson(next.Fields) };
            string tags = next.Tags.Count == 0 ? "'{}'::text[]" : "ARRAY[" + string.Join(", ", next.Tags.Select(tag => Parameter(values, tag))) + "]::text[]";
            _ = await Db.ExecuteCore(Bound(
                $"UPDATE {_quotedTable} SET title = $2, custom_title = $3, owner = $4, agent = $5, fields = $6::jsonb, tags = {tags} WHERE id = $1",
                transaction, [.. values]), async, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(next.Title, current.Title, StringComparison.Ordinal))
            {
                await SetTitleRowCore(id, next.Title, transaction, async, cancellationToken).ConfigureAwait(false);
            }

            return next;
        }, async, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<SessionQueryPage> QueryCore(SessionQuery query, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        (string Key, string Id)? after = CatalogTokens.ReadQuery(query.Order, query.PageToken);
        var values = new List<object>();
        var where = new List<string>();
        Filters(query, values, where);
        (string key, string order) = query.Order switch
        {
            SessionQueryOrder.Recent => ("t.updated_at", "t.updated_at DESC, t.id COLLATE \"C\""),
            SessionQueryOrder.Created => ("t.created_at", "t.created_at DESC, t.id COLLATE \"C\""),
            SessionQueryOrder.Title => ("upper(t.title) COLLATE \"C\"", "upper(t.title) COLLATE \"C\", t.id COLLATE \"C\""),
            _ => ("t.id COLLATE \"C\"", "t.id COLLATE \"C\""),
        };
        if (after is var (lastKey, lastId))
        {
            string id = Parameter(values, lastId);
            where.Add(query.Order switch
            {
                SessionQueryOrder.Id => $"t.id COLLATE \"C\" > {id}",
                SessionQueryOrder.Title => $"{key} >= {Parameter(values, lastKey)} AND ({key} > ${values.Count} OR t.id COLLATE \"C\" > {id})",
                _ => $"{key} <= {Parameter(values, CatalogTokens.Time(lastKey))} AND ({key} < ${values.Count} OR t.id COLLATE \"C\" > {id})",
            });
        }

        string limit = Parameter(values, query.PageSize + 1);
        string sql = $"SELECT {MetadataColumns}, {key} FROM {_quotedTable} t{Where(where)} ORDER BY {order} LIMIT {limit}";
        List<(SessionMetadata Metadata, string Key)> rows = await RunCore(SessionOperation.List, null, async () =>
        {
            await RefreshStaleCore(async, cancellationToken).ConfigureAwait(false);
            return await Db.ReadCore(Bound(sql, null, [.. values]), r => (ReadMetadata(r), OrderKey(query.Order, r, MetadataColumnCount)), async, cancellationToken).ConfigureAwait(false);
        }, async, cancellationToken).ConfigureAwait(false);

        // Keys come from every row, sessions only from those whose ids the rules accept (as List): a foreign row never ends a walk early.
        bool more = rows.Count > query.PageSize;
        List<(SessionMetadata Metadata, string Key)> page = more ? rows[..query.PageSize] : rows;
        string? next = more ? CatalogTokens.Query(query.Order, page[^1].Key, page[^1].Metadata.SessionId) : null;
        return new SessionQueryPage([.. page.Select(r => r.Metadata).Where(m => SessionIdRules.IsValid(m.SessionId))], next);
    }

    private async ValueTask<SessionSearchPage> SearchCore(string text, SessionQuery? query, bool async, CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyList<string>> terms = SessionSearchTerms.Parse(text);
        query ??= new SessionQuery();
        query.Validate();
        (double Rank, string Id)? after = CatalogTokens.ReadSearch(query.PageToken);
        var values = new List<object>();
        var termSql = new List<string>();
        foreach (IReadOnlyList<string> term in terms)
        {
            termSql.Add(term.Count == 1
                ? $"to_tsquery('simple', quote_literal({Parameter(values, term[0])}) || ':*')"
                : $"phraseto_tsquery('simple', {Parameter(values, string.Join(' ', term))})");
        }

        var where = new List<string>();
        Filters(query, values, where);
        bool filtered = where.Count > 0;
        if (after is var (lastRank, lastId))
        {
            string rank = Parameter(values, lastRank);
            where.Add($"(r.rank < {rank} OR (r.rank = {rank} AND r.session_id COLLATE \"C\" > {Parameter(values, lastId)}))");
        }

        string limit = Parameter(values, query.PageSize + 1);
        string options = Parameter(values, Highlights.Options);
        IEnumerable<int> k = Enumerable.Range(1, terms.Count);
        string matched = string.Join(" + ", k.Select(i => $"h.m{i}::int"));
        string sql =
            $"WITH terms AS (SELECT {string.Join(", ", termSql.Select((t, i) => $"{t} AS q{i + 1}"))}), " +
            $"tq AS (SELECT terms.*, ({string.Join(" || ", k.Select(i => $"q{i}"))}) AS qa FROM terms), " +
            $"hits AS (SELECT x.session_id, x.item_index, x.body, ts_rank(x.tsv, tq.qa, 1) AS r, {string.Join(", ", k.Select(i => $"x.tsv @@ tq.q{i} AS m{i}"))} " +
            $"FROM {TextTable} x, tq WHERE x.tsv @@ tq.qa), " +
            $"ranked AS (SELECT session_id, round(sum(r)::numeric, 6)::float8 AS rank FROM hits GROUP BY session_id HAVING {string.Join(" AND ", k.Select(i => $"bool_or(m{i})"))}), " +
            // Without filters the page is cut from the ranks alone, and only its sessions' rows are read.
            (filtered
                ? $"page AS (SELECT {MetadataColumns}, r.rank FROM ranked r JOIN {_quotedTable} t ON t.id = r.session_id{Where(where)} ORDER BY r.rank DESC, t.id COLLATE \"C\" LIMIT {limit}), "
                : $"page AS (SELECT {MetadataColumns}, r.rank FROM (SELECT r.session_id, r.rank FROM ranked r{Where(where)} ORDER BY r.rank DESC, r.session_id COLLATE \"C\" LIMIT {limit}) r " +
                  $"JOIN {_quotedTable} t ON t.id = r.session_id), ") +
            $"best AS (SELECT DISTINCT ON (h.session_id) h.session_id, h.item_index, h.body FROM hits h JOIN page p ON p.id = h.session_id " +
            $"ORDER BY h.session_id, ({matched}) DESC, h.r DESC, h.item_index DESC) " +
            $"SELECT p.*, b.item_index, ts_headline('simple', b.body, tq.qa, {options}) FROM page p JOIN best b ON b.session_id = p.id CROSS JOIN tq " +
            "ORDER BY p.rank DESC, p.id COLLATE \"C\"";
        List<SessionSearchHit> rows = await RunCore(SessionOperation.List, null, async () =>
        {
            await RefreshStaleCore(async, cancellationToken).ConfigureAwait(false);
            return await Db.ReadCore(Bound(sql, null, [.. values]), ReadHit, async, cancellationToken).ConfigureAwait(false);
        }, async, cancellationToken).ConfigureAwait(false);

        bool more = rows.Count > query.PageSize;
        List<SessionSearchHit> page = more ? rows[..query.PageSize] : rows;
        string? next = more ? CatalogTokens.Search(page[^1].Rank, page[^1].Session.SessionId) : null;
        return new SessionSearchPage([.. page.Where(h => SessionIdRules.IsValid(h.Session.SessionId))], next);
    }

    private async ValueTask<int> RebuildCore(IProgress<int>? progress, bool async, CancellationToken cancellationToken) =>
        await RunCore(SessionOperation.Repair, null, async () =>
        {
            int done = 0;
            string? last = null;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                (int rows, int valid, string? lastId) = last is null
                    ? await DeriveBatchCore("true", [], async, cancellationToken).ConfigureAwait(false)
                    : await DeriveBatchCore("t.id COLLATE \"C\" > $1", [last], async, cancellationToken).ConfigureAwait(false);
                done += valid;
                last = lastId;
                progress?.Report(done);
                if (rows < DeriveBatch)
                {
                    return done;
                }
            }
        }, async, cancellationToken).ConfigureAwait(false);

    /// <summary>The query's filters as conditions on the sessions table <c>t</c>, their values added to <paramref name="values"/>.</summary>
    private static void Filters(SessionQuery query, List<object> values, List<string> where)
    {
        if (query.Tags is { Count: > 0 } tags)
        {
            where.Add("t.tags @> ARRAY[" + string.Join(", ", tags.Distinct(StringComparer.Ordinal).Select(tag => Parameter(values, tag))) + "]::text[]");
        }

        if (query.Owner is { } owner)
        {
            where.Add($"t.owner = {Parameter(values, owner)}");
        }

        if (query.Agent is { } agent)
        {
            where.Add($"t.agent = {Parameter(values, agent)}");
        }

        foreach ((DateTimeOffset? time, string condition) in (ReadOnlySpan<(DateTimeOffset?, string)>)
            [(query.UpdatedSince, "t.updated_at >= "), (query.UpdatedBefore, "t.updated_at < "), (query.CreatedSince, "t.created_at >= "), (query.CreatedBefore, "t.created_at < ")])
        {
            if (time is { } at)
            {
                where.Add(condition + Parameter(values, at.UtcDateTime));
            }
        }

        if (query.TitlePrefix is { Length: > 0 } prefix)
        {
            // LIKE's own characters are escaped (its default escape is '\'), so the prefix is matched as text; the title index serves it.
            string escaped = prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
            where.Add($"upper(t.title) COLLATE \"C\" LIKE (upper({Parameter(values, escaped)}) || '%')");
        }

        if (query.TitleContains is { Length: > 0 } contains)
        {
            where.Add($"strpos(upper(t.title), upper({Parameter(values, contains)})) > 0");
        }
    }

    private static string Where(List<string> conditions) => conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

    /// <summary>Adds a positional parameter; its placeholder.</summary>
    private static string Parameter(List<object> values, object value)
    {
        values.Add(value);
        return "$" + values.Count.ToString(CultureInfo.InvariantCulture);
    }

    private static string OrderKey(SessionQueryOrder order, NpgsqlDataReader reader, int column) => order switch
    {
        SessionQueryOrder.Recent or SessionQueryOrder.Created => CatalogTokens.Key(Utc(reader.GetFieldValue<DateTime>(column))),
        _ => reader.GetString(column),
    };

    private static SessionSearchHit ReadHit(NpgsqlDataReader reader)
    {
        (string snippet, IReadOnlyList<SnippetHighlight> highlights) = Highlights.Parse(reader.GetString(MetadataColumnCount + 2));
        return new SessionSearchHit(ReadMetadata(reader), reader.GetDouble(MetadataColumnCount), snippet, highlights, reader.GetInt32(MetadataColumnCount + 1));
    }

    /// <summary>A session's metadata from the <see cref="MetadataColumns"/>.</summary>
    private static SessionMetadata ReadMetadata(NpgsqlDataReader reader)
    {
        DateTime updated = Utc(reader.GetFieldValue<DateTime>(4));
        return new SessionMetadata
        {
            SessionId = reader.GetString(0),
            Title = reader.GetString(1),
            HasCustomTitle = reader.GetBoolean(2),
            CreatedAt = new DateTimeOffset(reader.IsDBNull(3) ? updated : Utc(reader.GetFieldValue<DateTime>(3))),
            UpdatedAt = new DateTimeOffset(updated),
            ItemCount = reader.GetInt32(5),
            InputTokens = reader.GetInt64(6),
            OutputTokens = reader.GetInt64(7),
            SizeBytes = reader.GetInt64(8),
            Tags = ReadTags(reader.GetString(9)),
            Owner = reader.IsDBNull(10) ? null : reader.GetString(10),
            Agent = reader.IsDBNull(11) ? null : reader.GetString(11),
            Fields = ReadFields(reader.GetString(12)),
        };
    }

    private static DateTime Utc(DateTime time) => time.Kind == DateTimeKind.Utc ? time : DateTime.SpecifyKind(time.ToUniversalTime(), DateTimeKind.Utc);

    private static string[] ReadTags(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(static e => e.GetString()!)];
    }

    private static Dictionary<string, string> ReadFields(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty field in document.RootElement.EnumerateObject())
            {
                fields[field.Name] = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()! : field.Value.GetRawText();
            }
        }

        return fields;
    }

    private static string FieldsJson(IReadOnlyDictionary<string, string> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach ((string name, string value) in fields.OrderBy(static f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

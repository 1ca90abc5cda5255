using SessionStore.Storage;

namespace SessionStore.Postgres;

/// <summary>
/// The paged listing on PostgreSQL: keyset pages (<c>WHERE key &gt; last ORDER BY key LIMIT n</c>) over the
/// indexes <c>&lt;table&gt;_idc (id COLLATE "C")</c> and <c>&lt;table&gt;_upd (updated_at, id COLLATE "C")</c>,
/// made with the table, so each page costs O(page) whatever its position.
/// </summary>
public partial class PostgresSessionStore<TSession> : ISessionPaging
{
    /// <inheritdoc />
    public SessionPage ListPage(SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null) =>
        Completed.Result(ListPageCore(order, pageSize, pageToken, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<SessionPage> ListPageAsync(
        SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null, CancellationToken cancellationToken = default) =>
        ListPageCore(order, pageSize, pageToken, async: true, cancellationToken);

    /// <summary>The indexes the paged listing reads, created with the table (and for tables made before it).</summary>
    private IEnumerable<string> PagingIndexesSql()
    {
        yield return $"CREATE INDEX IF NOT EXISTS {Quoted(Table + "_idc")} ON {_quotedTable} (id COLLATE \"C\")";
        yield return $"CREATE INDEX IF NOT EXISTS {Quoted(Table + "_upd")} ON {_quotedTable} (updated_at, id COLLATE \"C\")";
    }

    private async ValueTask<SessionPage> ListPageCore(SessionOrder order, int pageSize, string? pageToken, bool async, CancellationToken cancellationToken)
    {
        (string Id, DateTime WrittenUtc)? after = SessionPaging.ReadToken(order, pageSize, pageToken);
        string sql = (order, after) switch
        {
            (SessionOrder.Id, null) => $"SELECT id, updated_at FROM {_quotedTable} ORDER BY id COLLATE \"C\" LIMIT $1",
            (SessionOrder.Id, _) => $"SELECT id, updated_at FROM {_quotedTable} WHERE id COLLATE \"C\" > $2 ORDER BY id COLLATE \"C\" LIMIT $1",
            (_, null) => $"SELECT id, updated_at FROM {_quotedTable} ORDER BY updated_at DESC, id COLLATE \"C\" DESC LIMIT $1",
            _ => $"SELECT id, updated_at FROM {_quotedTable} WHERE (updated_at, id COLLATE \"C\") < ($3, $2) ORDER BY updated_at DESC, id COLLATE \"C\" DESC LIMIT $1",
        };
        object[] values = (order, after) switch
        {
            (_, null) => [pageSize],
            (SessionOrder.Id, { } cursor) => [pageSize, cursor.Id],
            (_, { } cursor) => [pageSize, cursor.Id, cursor.WrittenUtc],
        };

        List<(string Id, DateTime Written)> rows = await QueryCore(
            SessionOperation.List, null, sql, static r => (r.GetString(0), DateTime.SpecifyKind(r.GetDateTime(1), DateTimeKind.Utc)), async, cancellationToken, values).ConfigureAwait(false);

        // Keys come from every row, ids only from those the rules accept (as List): a foreign row never ends the walk early.
        string? next = rows.Count > 0 ? SessionPaging.NextToken(order, rows.Count == pageSize, rows[^1].Id, rows[^1].Written) : null;
        return new SessionPage(rows.Select(static row => row.Id).Where(SessionIdRules.IsValid).ToArray(), next);
    }
}

using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace SessionStore.Index;

/// <summary>The index's queries: filters and keyset pages over the sessions table, and FTS5 matches ranked by bm25.</summary>
internal sealed partial class SqliteSessionIndex
{
    private static string SortKey(Row row, SessionQueryOrder order) => order switch
    {
        SessionQueryOrder.Recent => row.Stamp.ModifiedNanoseconds.ToString(CultureInfo.InvariantCulture),
        SessionQueryOrder.Created => row.CreatedNanoseconds.ToString(CultureInfo.InvariantCulture),
        SessionQueryOrder.Id => "",
        _ => row.TitleKey,
    };

    /// <summary>The filters of a query as SQL over <c>s</c>, with their parameters.</summary>
    private static string Filters(SessionQuery query, List<(string, object?)> parameters)
    {
        var sql = new StringBuilder();
        void Add(string condition, string name, object? value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }

        if (query.Owner is { } owner)
        {
            Add("s.owner = $owner", "$owner", owner);
        }

        if (query.Agent is { } agent)
        {
            Add("s.agent = $agent", "$agent", agent);
        }

        if (query.UpdatedSince is { } us)
        {
            Add("s.updated >= $us", "$us", Nanoseconds(us));
        }

        if (query.UpdatedBefore is { } ub)
        {
            Add("s.updated < $ub", "$ub", Nanoseconds(ub));
        }

        if (query.CreatedSince is { } cs)
        {
            Add("s.created >= $cs", "$cs", Nanoseconds(cs));
        }

        if (query.CreatedBefore is { } cb)
        {
            Add("s.created < $cb", "$cb", Nanoseconds(cb));
        }

        if (query.TitlePrefix is { Length: > 0 } prefix)
        {
            parameters.Add(("$plen", prefix.Length));
            Add("substr(s.title_key, 1, $plen) = $prefix", "$prefix", prefix.ToUpperInvariant());
        }

        if (query.TitleContains is { Length: > 0 } contains)
        {
            Add("instr(s.title_key, $contains) > 0", "$contains", contains.ToUpperInvariant());
        }

        int t = 0;
        foreach (string tag in (query.Tags ?? []).Distinct(StringComparer.Ordinal))
        {
            Add($"s.rid IN (SELECT rid FROM tags WHERE tag = $tag{t})", $"$tag{t}", tag);
            t++;
        }

        return sql.ToString();
    }

    private static long Nanoseconds(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    /// <summary>One page of a query, and one row more when there is a next page.</summary>
    private static List<Row> Select(SqliteConnection db, SessionQuery query, PageToken? after)
    {
        var parameters = new List<(string, object?)>();
        string filters = Filters(query, parameters);
        string keyset = "";
        if (after is { } token)
        {
            parameters.Add(("$aid", token.Id));
            switch (query.Order)
            {
                case SessionQueryOrder.Recent:
                    parameters.Add(("$ak", -token.KeyAsInt64()));
                    keyset = " AND (s.rk, s.id) > ($ak, $aid)";
                    break;
                case SessionQueryOrder.Created:
                    parameters.Add(("$ak", -token.KeyAsInt64()));
                    keyset = " AND (s.ck, s.id) > ($ak, $aid)";
                    break;
                case SessionQueryOrder.Id:
                    keyset = " AND s.id > $aid";
                    break;
                default:
                    parameters.Add(("$ak", token.Key));
                    keyset = " AND (s.title_key, s.id) > ($ak, $aid)";
                    break;
            }
        }

        string order = query.Order switch
        {
            SessionQueryOrder.Recent => "s.rk, s.id",
            SessionQueryOrder.Created => "s.ck, s.id",
            SessionQueryOrder.Id => "s.id",
            _ => "s.title_key, s.id",
        };
        parameters.Add(("$limit", query.PageSize + 1));
        string columns = string.Join(", ", Columns.Split(", ").Select(c => "s." + c));
        using SqliteCommand command = Command(db, $"SELECT {columns} FROM sessions s WHERE 1 = 1{filters}{keyset} ORDER BY {order} LIMIT $limit", [.. parameters]);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<Row>();
        while (reader.Read())
        {
            rows.Add(RowOf(reader, 0));
        }

        return rows;
    }

    /// <summary>The sessions where every term occurs (in any of their texts), best first (the sum of each term's best bm25), one more than a page.</summary>
    private static List<(Row Row, double Score)> SelectMatches(SqliteConnection db, IReadOnlyList<IReadOnlyList<string>> terms, SessionQuery query, PageToken? after)
    {
        var parameters = new List<(string, object?)>();
        var with = new StringBuilder("WITH ");
        var joins = new StringBuilder();
        var score = new StringBuilder();
        for (int i = 0; i < terms.Count; i++)
        {
            with.Append(i > 0 ? ", " : "").Append(CultureInfo.InvariantCulture,
                $"m{i} AS MATERIALIZED (SELECT c.rid AS rid, min(x.r) AS r FROM (SELECT rowid AS cid, rank AS r FROM text WHERE text MATCH $q{i}) x JOIN chunks c ON c.cid = x.cid GROUP BY c.rid)");
            joins.Append(CultureInfo.InvariantCulture, $" JOIN m{i} ON m{i}.rid = s.rid");
            score.Append(i > 0 ? " + " : "").Append(CultureInfo.InvariantCulture, $"m{i}.r");
            parameters.Add(($"$q{i}", SearchText.FtsQuery(terms[i])));
        }

        string filters = Filters(query, parameters);
        string keyset = "";
        if (after is { } token)
        {
            parameters.Add(("$ak", token.KeyAsDouble()));
            parameters.Add(("$aid", token.Id));
            keyset = " WHERE (score > $ak OR (score = $ak AND id > $aid))";
        }

        parameters.Add(("$limit", query.PageSize + 1));
        string columns = string.Join(", ", Columns.Split(", ").Select(c => "s." + c));
        using SqliteCommand command = Command(db,
            $"{with} SELECT * FROM (SELECT {columns}, ({score}) AS score FROM sessions s{joins} WHERE 1 = 1{filters}){keyset} ORDER BY score, id LIMIT $limit",
            [.. parameters]);
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<(Row, double)>();
        int scoreColumn = Columns.Split(", ").Length;
        while (reader.Read())
        {
            rows.Add((RowOf(reader, 0), reader.GetDouble(scoreColumn)));
        }

        return rows;
    }

    /// <summary>The hits of a page: each session's file read (the truth) for the item with the most terms (the latest of equals: a conversation's newest mention), its snippet and highlights; null when a file changed under the page.</summary>
    private List<SessionSearchHit>? Hits(SqliteConnection db, List<(Row Row, double Score)> page, IReadOnlyList<IReadOnlyList<string>> terms)
    {
        var hits = new List<SessionSearchHit>(page.Count);
        foreach ((Row row, double score) in page)
        {
            byte[]? content = _host.ReadSession(row.Id, out FileSessionStamp stamp);
            if (content is null || stamp != row.Stamp || SessionReading.Read(content, _host.ItemsProperty) is not { } session)
            {
                using Statements.Scope transaction = Begin(db);
                Reindex(db, row.Id);
                transaction.Commit();
                return null;
            }

            SessionItemText? best = null;
            int bestScore = 0;
            foreach (SessionItemText item in session.Items)
            {
                int s = SearchText.Score(item.Text, terms);
                if (s > 0 && s >= bestScore)
                {
                    (best, bestScore) = (item, s);
                }
            }

            string title = row.Metadata.Title;
            bool fromTitle = best is null || (row.Metadata.HasCustomTitle && SearchText.Score(title, terms) > bestScore);
            (string snippet, IReadOnlyList<SnippetHighlight> highlights) = SearchText.Snippet(fromTitle ? title : best!.Text, terms);
            hits.Add(new SessionSearchHit(row.Metadata, -score, snippet, highlights, fromTitle ? -1 : best!.Index));
        }

        return hits;
    }
}

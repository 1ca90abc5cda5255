using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>list</c> answered from the store's catalog: by recency or id it reads only the pages it shows (O(limit), not
/// O(store)); by size, messages or tokens it walks every match. Titles, tags, owner and agent come with each row.
/// </summary>
internal static class CatalogList
{
    internal static int Run(Output output, ISessionCatalog catalog, ToolStore store, SessionQuery query, string order, int? limit, bool wide)
    {
        bool paged = order is "recent" or "id";
        query = query with
        {
            Order = order == "id" ? SessionQueryOrder.Id : SessionQueryOrder.Recent,
            PageSize = paged && limit is int max ? Math.Min(max, SessionQuery.MaxPageSize) : SessionQuery.MaxPageSize,
        };
        var rows = new List<SessionMetadata>();
        bool more = false;
        string? token = null;
        do
        {
            SessionQueryPage page = catalog.Query(query with { PageToken = token });
            rows.AddRange(page.Sessions);
            token = page.NextPageToken;
            if (paged && limit is int wanted && rows.Count >= wanted)
            {
                more = token is not null || rows.Count > wanted;
                break;
            }
        }
        while (token is not null);

        if (!paged)
        {
            Comparison<SessionMetadata> by = order switch
            {
                "oldest" => static (a, b) => a.UpdatedAt.CompareTo(b.UpdatedAt),
                "size" => static (a, b) => b.SizeBytes.CompareTo(a.SizeBytes),
                "messages" => static (a, b) => b.ItemCount.CompareTo(a.ItemCount),
                _ => static (a, b) => (b.InputTokens + b.OutputTokens).CompareTo(a.InputTokens + a.OutputTokens),
            };
            rows.Sort((a, b) => by(a, b) is int c and not 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
        }

        int beyond = 0;
        if (limit is int cut && rows.Count > cut)
        {
            beyond = rows.Count - cut;
            rows.RemoveRange(cut, beyond);
            more = true;
        }

        Print(output, rows, new HashSet<string>(store.Retention.ListPinned(), StringComparer.Ordinal), wide);
        if (more)
        {
            output.Note($"showing {rows.Count} session(s); more match beyond --limit");
        }

        return ExitCodes.Success;
    }

    private static void Print(Output output, List<SessionMetadata> rows, HashSet<string> pinned, bool wide)
    {
        if (output.Json)
        {
            List<CatalogRow> listed = [.. rows.Select(m => CatalogRow.Of(m, pinned.Contains(m.SessionId)))];
            Output.WriteJson(writer => JsonSerializer.Serialize(writer, listed, ToolJsonContext.Default.ListCatalogRow));
            return;
        }

        if (Output.OnTerminal)
        {
            var table = new Table(("ID", false), ("TITLE", false), ("MESSAGES", true), ("TOKENS", true), ("SIZE", true), ("WRITTEN", false), ("TAGS", false));
            foreach (SessionMetadata m in rows)
            {
                table.Add(
                    [m.SessionId, output.Visible(m.Title), ListLine.Number(m.ItemCount), ListLine.Number(m.InputTokens + m.OutputTokens), ListLine.Number(m.SizeBytes) + " B", Ages.Stamp(m.UpdatedAt),
                     output.Visible(string.Join(',', m.Tags))],
                    pinned.Contains(m.SessionId) ? "pinned" : null);
            }

            table.Print(output, wide);
            return;
        }

        // Off a terminal: the same stable lines as without an index, so scripts keep parsing them (titles are in --json).
        foreach (SessionMetadata m in rows)
        {
            output.Line(ListLine.Format(output, m.SessionId, m.ItemCount, m.InputTokens, m.OutputTokens, m.SizeBytes, m.UpdatedAt, pinned.Contains(m.SessionId)));
        }
    }

}

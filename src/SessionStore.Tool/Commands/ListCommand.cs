using System.CommandLine;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>list</c>: id, messages, tokens, size and last write of each session (read without building the
/// messages), sorted and filtered; says how many entries it did not show, and why. Reads only.
/// </summary>
internal static class ListCommand
{
    private static readonly string[] SortKeys = ["id", "recent", "oldest", "size", "messages", "tokens"];

    internal static Command Create(GlobalOptions globals)
    {
        var sort = new Option<string>("--sort") { Description = "Order: id (default), recent, oldest, size, messages or tokens.", DefaultValueFactory = _ => "id" };
        sort.AcceptOnlyFromAmong(SortKeys);
        var recent = new Option<bool>("--recent") { Description = "Newest first (the same as --sort recent)." };
        var since = new Option<DateTimeOffset?>("--since")
        {
            Description = "Only sessions written since then: an age (7d, 12h) or a date (2026-01-31).",
            CustomParser = result => Ages.ParseAgeOrDate(result),
        };
        var limit = new Option<int?>("--limit", "-n") { Description = "Show at most this many.", CustomParser = Counts.AtLeastOne };
        var wide = new Option<bool>("--wide") { Description = "At a terminal, never cut an id to fit its width." };
        var filters = new CatalogFilters();

        var command = new Command("list", "List the sessions: id, messages, tokens, size, last written (and title, tags, owner and agent from the store's index). Says what it did not show.")
        {
            sort, recent, since, limit, wide,
        };
        foreach (Option filter in filters.All)
        {
            command.Options.Add(filter);
        }

        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.Open(globals, result);
            string order = result.GetValue(recent) ? "recent" : result.GetValue(sort)!;
            // A limited page by recency or id (or a filter) comes from the index in O(page); a whole listing reads every session, so it names those it cannot read.
            if (filters.AnyGiven(result) || (store.Catalog is not null && order is "recent" or "id" && result.GetValue(limit) is not null))
            {
                return CatalogList.Run(output, store.RequireCatalog("list --tag/--owner/--agent/--title"), store, filters.Apply(result, new SessionQuery
                {
                    UpdatedSince = result.GetValue(since),
                }), order, result.GetValue(limit), result.GetValue(wide));
            }

            IReadOnlyList<string> ids = store.Sessions.List();
            var summaries = new List<SessionSummary>(ids.Count);
            var corrupt = new List<string>();
            var others = store.OtherTypes;
            using (var progress = new Progress(output, "reading", ids.Count))
            {
                foreach (string id in ids)
                {
                    try
                    {
                        summaries.Add(store.Sessions.Summarize(id));
                    }
                    catch (SessionCorruptException)
                    {
                        // Not a reference session: another session type wrote it (an agent's conversation), or it is
                        // damaged (one that claims the reference format and breaks it is) — the library says which.
                        try
                        {
                            if (others.Read(id) is var (_, other))
                            {
                                summaries.Add(other);
                            }
                        }
                        catch (Exception ex) when (ex is SessionCorruptException or SessionStorageException)
                        {
                            corrupt.Add(id);
                        }
                    }
                    catch (SessionSchemaVersionException)
                    {
                        corrupt.Add(id);
                    }
                    catch (SessionNotFoundException)
                    {
                        // Deleted since it was listed: it is gone, not hidden.
                    }

                    progress.Report(summaries.Count + corrupt.Count);
                }
            }

            int all = summaries.Count;
            if (result.GetValue(since) is { } cutoff)
            {
                summaries.RemoveAll(s => s.LastModified < cutoff);
            }

            int olderThanSince = all - summaries.Count;
            Sort(summaries, order);
            int beyondLimit = 0;
            if (result.GetValue(limit) is int max && summaries.Count > max)
            {
                beyondLimit = summaries.Count - max;
                summaries.RemoveRange(max, beyondLimit);
            }

            Print(output, summaries, store.Retention.ListPinned(), result.GetValue(wide));
            IReadOnlyList<StoreProblem> foreign = store.FindForeignEntries();
            Explain(output, store, all, summaries.Count, olderThanSince, beyondLimit, foreign.Count);
            if (corrupt.Count > 0)
            {
                Output.Error($"{corrupt.Count} session(s) could not be read and are not shown ({Ids.Sample(corrupt)}): run 'sessions verify' for details");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Sort(List<SessionSummary> summaries, string key)
    {
        Comparison<SessionSummary> order = key switch
        {
            "recent" => static (a, b) => b.LastModified.CompareTo(a.LastModified),
            "oldest" => static (a, b) => a.LastModified.CompareTo(b.LastModified),
            "size" => static (a, b) => b.SizeBytes.CompareTo(a.SizeBytes),
            "messages" => static (a, b) => b.MessageCount.CompareTo(a.MessageCount),
            "tokens" => static (a, b) => (b.InputTokens + b.OutputTokens).CompareTo(a.InputTokens + a.OutputTokens),
            _ => static (a, b) => string.CompareOrdinal(a.SessionId, b.SessionId),
        };
        summaries.Sort((a, b) => order(a, b) is int c and not 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
    }

    private static void Print(Output output, List<SessionSummary> summaries, IReadOnlyList<string> pinnedIds, bool wide)
    {
        var pinned = new HashSet<string>(pinnedIds, StringComparer.Ordinal);
        if (output.Json)
        {
            List<ListedSession> listed = [.. summaries.Select(s => new ListedSession(
                s.SessionId, s.MessageCount, s.InputTokens, s.OutputTokens, s.SizeBytes, s.LastModified, pinned.Contains(s.SessionId)))];
            Output.WriteJson(writer => JsonSerializer.Serialize(writer, listed, ToolJsonContext.Default.ListListedSession));
            return;
        }

        if (Output.OnTerminal)
        {
            var table = new Table(("ID", false), ("MESSAGES", true), ("IN", true), ("OUT", true), ("SIZE", true), ("WRITTEN", false));
            foreach (SessionSummary s in summaries)
            {
                table.Add([s.SessionId, ListLine.Number(s.MessageCount), ListLine.Number(s.InputTokens), ListLine.Number(s.OutputTokens), ListLine.Number(s.SizeBytes) + " B", Ages.Stamp(s.LastModified)],
                    pinned.Contains(s.SessionId) ? "pinned" : null);
            }

            table.Print(output, wide);
            return;
        }

        // Off a terminal: the stable lines scripts parse (no header, nothing cut).
        foreach (SessionSummary s in summaries)
        {
            output.Line(ListLine.Format(output, s.SessionId, s.MessageCount, s.InputTokens, s.OutputTokens, s.SizeBytes, s.LastModified, pinned.Contains(s.SessionId)));
        }
    }


    private static void Explain(Output output, ToolStore store, int readable, int shown, int olderThanSince, int beyondLimit, int foreign)
    {
        if (store.DirectoryStore is { } directory && !Directory.Exists(directory.DirectoryPath))
        {
            output.Note($"there is no store directory at '{directory.DirectoryPath}' yet: no sessions");
            return;
        }

        var hidden = new List<string>();
        if (olderThanSince > 0)
        {
            hidden.Add($"{olderThanSince} written before --since");
        }

        if (beyondLimit > 0)
        {
            hidden.Add($"{beyondLimit} beyond --limit");
        }

        if (hidden.Count > 0)
        {
            output.Note($"showing {shown} of {readable} sessions; not shown: {string.Join(", ", hidden)}");
        }

        if (foreign > 0)
        {
            output.Note($"{foreign} entr{(foreign == 1 ? "y" : "ies")} in '{store.Location}' {(foreign == 1 ? "is" : "are")} not a session and not shown: run 'sessions verify' for details");
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>search QUERY</c>: the sessions with a message (or title) holding every word of the query, best first, each with a
/// snippet whose hits are highlighted at a terminal (plain text off one; <c>--json</c> gives the highlights as offsets).
/// </summary>
internal static class SearchCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var text = new Argument<string[]>("query") { Description = "Words (each must occur; a word finds the words it begins) and \"quoted phrases\".", Arity = ArgumentArity.OneOrMore };
        var limit = new Option<int?>("--limit", "-n") { Description = "Show at most this many (default 20).", CustomParser = Counts.AtLeastOne };
        var filters = new CatalogFilters();
        var command = new Command("search", "Search every session's messages and titles through the store's index: ranked hits with a snippet each.") { text, limit };
        foreach (Option filter in filters.All)
        {
            command.Options.Add(filter);
        }

        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.Open(globals, result);
            ISessionCatalog catalog = store.RequireCatalog("search");
            string query = string.Join(' ', result.GetValue(text)!);
            try
            {
                _ = SessionSearchTerms.Parse(query);
            }
            catch (ArgumentException ex)
            {
                throw new ToolException(ExitCodes.Usage, ex.Message);
            }

            int wanted = result.GetValue(limit) ?? 20;
            SessionSearchPage page = catalog.Search(query, filters.Apply(result, new SessionQuery { PageSize = Math.Min(wanted, SessionQuery.MaxPageSize) }));
            if (output.Json)
            {
                List<SearchRow> rows = [.. page.Hits.Select(SearchRow.Of)];
                Output.WriteJson(writer => JsonSerializer.Serialize(writer, rows, ToolJsonContext.Default.ListSearchRow));
            }
            else
            {
                foreach (SessionSearchHit hit in page.Hits)
                {
                    string where = hit.ItemIndex < 0 ? "title" : "message " + (hit.ItemIndex + 1).ToString(CultureInfo.InvariantCulture);
                    output.Line(output.Strong(hit.Session.SessionId) + "  " + output.Visible(hit.Session.Title) + "  " + output.Faint($"({where}, {Ages.Stamp(hit.Session.UpdatedAt)})"));
                    output.Line("    " + Highlighted(output, hit));
                }
            }

            if (page.Hits.Count == 0)
            {
                output.Note("no session matches");
            }
            else if (page.NextPageToken is not null)
            {
                output.Note($"showing the best {page.Hits.Count}; more match beyond --limit");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The snippet on one line, its hits in the accent colour; each piece made safe for a terminal on its own, so the offsets stay true.</summary>
    private static string Highlighted(Output output, SessionSearchHit hit)
    {
        string snippet = hit.Snippet;
        var line = new StringBuilder();
        int at = 0;
        foreach (SnippetHighlight h in hit.Highlights.Where(h => h.Start >= 0 && h.Length > 0 && h.Start + h.Length <= snippet.Length).OrderBy(h => h.Start))
        {
            if (h.Start < at)
            {
                continue;
            }

            line.Append(Flat(output, snippet[at..h.Start])).Append(output.Accent(Flat(output, snippet.Substring(h.Start, h.Length))));
            at = h.Start + h.Length;
        }

        return line.Append(Flat(output, snippet[at..])).ToString();
    }

    private static string Flat(Output output, string text) => output.Visible(text.ReplaceLineEndings(" "));
}

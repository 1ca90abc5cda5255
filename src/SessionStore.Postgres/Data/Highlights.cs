using System.Text;

namespace SessionStore.Postgres.Data;

/// <summary>
/// Snippets from <c>ts_headline</c>: it marks each hit with two private-use characters that no indexed text holds
/// (<see cref="CatalogDerived.Storable"/> removes them), which are taken out here and become <see cref="SnippetHighlight"/>s.
/// </summary>
internal static class Highlights
{
    /// <summary>The mark before a hit.</summary>
    internal const char Start = '\uE000';

    /// <summary>The mark after a hit.</summary>
    internal const char Stop = '\uE001';

    /// <summary>The options of <c>ts_headline</c>: one fragment of 8 to 24 words around the best hit, marked with <see cref="Start"/> and <see cref="Stop"/>.</summary>
    internal const string Options = "StartSel=\uE000, StopSel=\uE001, MinWords=8, MaxWords=24, ShortWord=0, MaxFragments=1, FragmentDelimiter=\" … \"";

    /// <summary>The plain snippet and where its hits are.</summary>
    internal static (string Snippet, IReadOnlyList<SnippetHighlight> Highlights) Parse(string marked)
    {
        var snippet = new StringBuilder(marked.Length);
        var highlights = new List<SnippetHighlight>();
        int? open = null;
        foreach (char c in marked)
        {
            if (c == Start)
            {
                open = snippet.Length;
            }
            else if (c == Stop)
            {
                if (open is { } start && snippet.Length > start)
                {
                    highlights.Add(new SnippetHighlight(start, snippet.Length - start));
                }

                open = null;
            }
            else
            {
                _ = snippet.Append(c);
            }
        }

        return (snippet.ToString(), highlights);
    }
}

using System.Globalization;
using System.Text;

namespace SessionStore.Index;

/// <summary>
/// A search's terms (<see cref="SessionSearchTerms"/>) as FTS5 queries, and as the matcher that picks a hit's item,
/// its snippet and highlights: a one-word term matches words it begins, a phrase its words in a row.
/// </summary>
internal static class SearchText
{
    private const int WordsBefore = 6;
    private const int WordsAfter = 14;

    /// <summary>One term as an FTS5 query: every word quoted (so nothing is syntax), a lone word as a prefix.</summary>
    internal static string FtsQuery(IReadOnlyList<string> term) =>
        term.Count == 1 ? $"\"{term[0]}\"*" : "\"" + string.Join(' ', term) + "\"";

    /// <summary>How many of the terms occur in the text.</summary>
    internal static int Score(string text, IReadOnlyList<IReadOnlyList<string>> terms)
    {
        if (!terms.Any(term => text.Contains(term[0], StringComparison.OrdinalIgnoreCase)))
        {
            return 0; // The common case, without splitting the text into words.
        }

        List<Range> words = Words(text);
        return terms.Count(term => Matches(text, words, term).Any());
    }

    /// <summary>An excerpt around the first hit, and where each hit word is in it.</summary>
    internal static (string Snippet, IReadOnlyList<SnippetHighlight> Highlights) Snippet(string text, IReadOnlyList<IReadOnlyList<string>> terms)
    {
        List<Range> words = Words(text);
        var hit = new SortedSet<int>(terms.SelectMany(term => Matches(text, words, term)));
        if (words.Count == 0)
        {
            return (SessionText.TitleFrom(text), []);
        }

        int first = hit.Count > 0 ? hit.Min : 0;
        int from = Math.Max(0, first - WordsBefore);
        int to = Math.Min(words.Count - 1, first + WordsAfter);
        int start = words[from].Start.Value;
        int end = words[to].End.Value;
        var snippet = new StringBuilder();
        if (from > 0)
        {
            snippet.Append('…');
        }

        int offset = snippet.Length - start;
        snippet.Append(text, start, end - start);
        if (to < words.Count - 1)
        {
            snippet.Append('…');
        }

        for (int i = 0; i < snippet.Length; i++)
        {
            if (char.IsControl(snippet[i]))
            {
                snippet[i] = ' ';
            }
        }

        var highlights = hit.Where(w => w >= from && w <= to)
            .Select(w => new SnippetHighlight(words[w].Start.Value + offset, words[w].End.Value - words[w].Start.Value)).ToList();
        return (snippet.ToString(), highlights);
    }

    /// <summary>The word indexes where the term occurs.</summary>
    private static IEnumerable<int> Matches(string text, List<Range> words, IReadOnlyList<string> term)
    {
        for (int i = 0; i + term.Count <= words.Count; i++)
        {
            bool all = true;
            for (int j = 0; j < term.Count && all; j++)
            {
                ReadOnlySpan<char> word = text.AsSpan(words[i + j]);
                all = term.Count == 1
                    ? word.StartsWith(term[j], StringComparison.OrdinalIgnoreCase)
                    : word.Equals(term[j], StringComparison.OrdinalIgnoreCase);
            }

            if (all)
            {
                for (int j = 0; j < term.Count; j++)
                {
                    yield return i + j;
                }
            }
        }
    }

    /// <summary>The words of a text: runs of letters, digits and marks, as <see cref="SessionSearchTerms"/> reads them.</summary>
    private static List<Range> Words(string text)
    {
        var words = new List<Range>();
        int start = -1;
        for (int i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int length);
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool part = Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (part && start < 0)
            {
                start = i;
            }
            else if (!part && start >= 0)
            {
                words.Add(start..i);
                start = -1;
            }

            i += length;
        }

        if (start >= 0)
        {
            words.Add(start..text.Length);
        }

        return words;
    }
}

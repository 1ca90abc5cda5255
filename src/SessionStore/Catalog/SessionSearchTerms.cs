using System.Globalization;
using System.Text;

namespace SessionStore;

/// <summary>
/// The one reading of a search's text (<see cref="ISessionCatalog.Search"/>) that every backend turns into its engine's
/// syntax: words, and <c>"quoted phrases"</c> of words; everything else separates words, so no user text is ever
/// interpreted as an engine's operators.
/// </summary>
public static class SessionSearchTerms
{
    /// <summary>The most terms a search may have.</summary>
    public const int MaxTerms = 32;

    /// <summary>Splits a search's text into terms: each is one word, or the words of one quoted phrase.</summary>
    /// <param name="text">The search's text.</param>
    /// <returns>The terms, each a list of one or more words (letters, digits and marks), in order.</returns>
    /// <exception cref="ArgumentException"><paramref name="text"/> has no word, or more than <see cref="MaxTerms"/> terms.</exception>
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<IReadOnlyList<string>>();
        string[] parts = text.Split('"');
        for (int i = 0; i < parts.Length; i++)
        {
            List<string> words = Words(parts[i]);
            bool quoted = i % 2 == 1 && i < parts.Length - 1;
            if (quoted && words.Count > 0)
            {
                terms.Add(words);
            }
            else
            {
                terms.AddRange(words.Select(w => (IReadOnlyList<string>)[w]));
            }
        }

        if (terms.Count == 0)
        {
            throw new ArgumentException("a search needs at least one word (letters or digits)", nameof(text));
        }

        if (terms.Count > MaxTerms)
        {
            throw new ArgumentException($"a search has at most {MaxTerms} words or phrases", nameof(text));
        }

        return terms;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (Rune rune in text.EnumerateRunes())
        {
            UnicodeCategory category = Rune.GetUnicodeCategory(rune);
            bool part = Rune.IsLetterOrDigit(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
            if (part)
            {
                word.Append(rune.ToString());
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}

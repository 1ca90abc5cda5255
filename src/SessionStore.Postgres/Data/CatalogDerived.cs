using System.Text;
using System.Text.Json;

namespace SessionStore.Postgres.Data;

/// <summary>
/// What the catalog derives from a stored session's JSON (<see cref="SessionText"/>): the derived title, the item count,
/// the token totals, the size, and the text of each item, made storable (PostgreSQL's <c>text</c> holds no U+0000 and
/// no lone surrogate; the snippet delimiters U+E000 and U+E001 are the engine's, never the session's).
/// </summary>
/// <param name="DerivedTitle">The stored title, else the first line of the first user message.</param>
/// <param name="StoredTitle">Whether <paramref name="DerivedTitle"/> is a title the session carries itself.</param>
/// <param name="ItemCount">The number of items of the growing list.</param>
/// <param name="InputTokens">The root's <c>input_tokens</c> (or <c>inputTokens</c>), else 0.</param>
/// <param name="OutputTokens">The root's <c>output_tokens</c> (or <c>outputTokens</c>), else 0.</param>
/// <param name="SizeBytes">The stored JSON's size in bytes.</param>
/// <param name="Items">Each item's index and storable text, for items with text.</param>
internal sealed record CatalogDerived(string DerivedTitle, bool StoredTitle, int ItemCount, long InputTokens, long OutputTokens, long SizeBytes, IReadOnlyList<(int Index, string Text)> Items)
{
    /// <summary>The longest text of one item that is indexed (a tsvector holds at most 1 MB).</summary>
    internal const int MaxIndexedChars = 200_000;

    /// <summary>The catalog's reading of a whole session's JSON; a body that is not a session object gives its size only.</summary>
    internal static CatalogDerived Of(string body, string itemsProperty)
    {
        byte[] json = Encoding.UTF8.GetBytes(body);
        SessionTextContent content;
        try
        {
            content = SessionText.Read(json, itemsProperty);
        }
        catch (ArgumentException)
        {
            return new CatalogDerived("", false, 0, 0, 0, json.Length, []);
        }

        (long input, long output) = Tokens(json);
        var items = new List<(int, string)>(content.Items.Count);
        foreach (SessionItemText item in content.Items)
        {
            if (Storable(item.Text, MaxIndexedChars) is { Length: > 0 } text)
            {
                items.Add((item.Index, text));
            }
        }

        return new CatalogDerived(Storable(content.DerivedTitle, int.MaxValue), content.StoredTitle is not null, content.Items.Count, input, output, json.Length, items);
    }

    /// <summary>The token totals of a session's root object (a shell after an append's totals), 0 where it has none.</summary>
    internal static (long Input, long Output) Tokens(ReadOnlySpan<byte> json)
    {
        long input = 0, output = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (0, 0);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isInput = reader.ValueTextEquals("input_tokens"u8) || reader.ValueTextEquals("inputTokens"u8);
                bool isOutput = reader.ValueTextEquals("output_tokens"u8) || reader.ValueTextEquals("outputTokens"u8);
                _ = reader.Read();
                if ((isInput || isOutput) && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value))
                {
                    (input, output) = isInput ? (value, output) : (input, value);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }

        return (input, output);
    }

    /// <summary>
    /// <paramref name="text"/> as PostgreSQL's <c>text</c> can hold it and the snippets can mark it: U+0000, the snippet
    /// delimiters and lone surrogates become spaces (a surrogate: U+FFFD), cut at <paramref name="max"/> characters.
    /// </summary>
    internal static string Storable(string text, int max)
    {
        ReadOnlySpan<char> span = text.AsSpan(0, Math.Min(text.Length, max));
        if (span.Length > 0 && char.IsHighSurrogate(span[^1]))
        {
            span = span[..^1];
        }

        StringBuilder? clean = null;
        for (int i = 0; i < span.Length; i++)
        {
            char c = span[i];
            char replacement = c switch
            {
                '\0' or Highlights.Start or Highlights.Stop => ' ',
                _ when char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]) => c,
                _ when char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(span[i - 1]) => c,
                _ when char.IsSurrogate(c) => '\uFFFD',
                _ => c,
            };
            if (replacement != c && clean is null)
            {
                clean = new StringBuilder(span.Length).Append(span[..i]);
            }

            _ = clean?.Append(replacement);
        }

        return clean?.ToString() ?? span.ToString();
    }
}

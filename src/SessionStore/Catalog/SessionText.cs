using System.Text;
using System.Text.Json;

namespace SessionStore;

/// <summary>
/// The one reading of a session's text that every catalog uses: titles derived from the first user message, and the
/// searchable text of each item, for the reference format (<see cref="StoredSession"/>), agent conversations
/// (Microsoft.Extensions.AI messages) and typed sessions with a growing list alike.
/// </summary>
/// <remarks>
/// An item that is a string is its own text. An item that is an object has a <c>role</c> (when it has one) and, as text,
/// its <c>text</c> and <c>content</c> strings and the <c>text</c> of each of its <c>contents</c> (Microsoft.Extensions.AI's
/// shape); an object with none of these gives every string it holds, so a session type of the caller's own is searchable
/// without configuration.
/// </remarks>
public static class SessionText
{
    /// <summary>The longest derived title, in characters (an ellipsis follows a cut).</summary>
    public const int MaxTitleLength = 100;

    private const int MaxDepth = 64;

    /// <summary>Reads a stored session's title and items' text from its JSON.</summary>
    /// <param name="utf8Json">The session's stored JSON.</param>
    /// <param name="itemsProperty">The JSON name of the session's growing list (<c>messages</c> for the reference format and agent conversations).</param>
    /// <returns>The session's text.</returns>
    /// <exception cref="ArgumentException"><paramref name="utf8Json"/> is not a JSON object.</exception>
    public static SessionTextContent Read(ReadOnlySpan<byte> utf8Json, string itemsProperty = "messages")
    {
        ArgumentNullException.ThrowIfNull(itemsProperty);
        using JsonDocument document = Parse(utf8Json);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("a stored session is a JSON object", nameof(utf8Json));
        }

        string? storedTitle = root.TryGetProperty("title", out JsonElement title) && title.ValueKind == JsonValueKind.String && title.GetString() is { Length: > 0 } t ? t : null;
        var items = new List<SessionItemText>();
        if (root.TryGetProperty(itemsProperty, out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in list.EnumerateArray())
            {
                items.Add(ReadItem(item, items.Count));
            }
        }

        return new SessionTextContent(storedTitle, storedTitle ?? DeriveTitle(items), items);
    }

    /// <summary>Reads one item's text from its JSON (an appended item, so an index is kept current in O(delta)).</summary>
    /// <param name="utf8Json">The item's JSON.</param>
    /// <param name="index">The item's index in the session's list.</param>
    /// <returns>The item's text.</returns>
    /// <exception cref="ArgumentException"><paramref name="utf8Json"/> is not JSON.</exception>
    public static SessionItemText ReadItem(ReadOnlySpan<byte> utf8Json, int index)
    {
        using JsonDocument document = Parse(utf8Json);
        return ReadItem(document.RootElement, index);
    }

    /// <summary>The title of items that have no stored title: the first line of the first user item with text (or of the first item with text, when no item has a role).</summary>
    /// <param name="items">The session's items, in order.</param>
    /// <returns>The title, or an empty string when no item has text.</returns>
    public static string DeriveTitle(IEnumerable<SessionItemText> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        string? firstWithoutRole = null;
        foreach (SessionItemText item in items)
        {
            string line = TitleFrom(item.Text);
            if (line.Length == 0)
            {
                continue;
            }

            if (string.Equals(item.Role, "user", StringComparison.OrdinalIgnoreCase))
            {
                return line;
            }

            if (item.Role is null)
            {
                firstWithoutRole ??= line;
            }
        }

        return firstWithoutRole ?? "";
    }

    /// <summary>A title from a text: its first non-empty line, trimmed, at most <see cref="MaxTitleLength"/> characters and never a split surrogate pair.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The title, or an empty string for a text with no visible line.</returns>
    public static string TitleFrom(string? text)
    {
        ReadOnlySpan<char> rest = (text ?? "").AsSpan();
        while (rest.Length > 0)
        {
            int end = rest.IndexOfAny('\r', '\n');
            ReadOnlySpan<char> line = (end < 0 ? rest : rest[..end]).Trim();
            rest = end < 0 ? [] : rest[(end + 1)..];
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length <= MaxTitleLength)
            {
                return line.ToString();
            }

            int cut = char.IsLowSurrogate(line[MaxTitleLength]) ? MaxTitleLength - 1 : MaxTitleLength;
            return string.Concat(line[..cut].TrimEnd(), "…");
        }

        return "";
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new ArgumentException("not JSON: " + ex.Message, nameof(utf8Json), ex);
        }
    }

    private static SessionItemText ReadItem(JsonElement item, int index)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return new SessionItemText(index, null, item.GetString() ?? "");
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return new SessionItemText(index, null, "");
        }

        string? role = item.TryGetProperty("role", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        var text = new StringBuilder();
        bool shaped = false;
        foreach (string name in (ReadOnlySpan<string>)["text", "content"])
        {
            if (item.TryGetProperty(name, out JsonElement part) && part.ValueKind == JsonValueKind.String)
            {
                shaped = true;
                Append(text, part.GetString());
            }
        }

        if (item.TryGetProperty("contents", out JsonElement contents) && contents.ValueKind == JsonValueKind.Array)
        {
            shaped = true;
            foreach (JsonElement content in contents.EnumerateArray())
            {
                if (content.ValueKind == JsonValueKind.Object && content.TryGetProperty("text", out JsonElement part) && part.ValueKind == JsonValueKind.String)
                {
                    Append(text, part.GetString());
                }
            }
        }

        if (!shaped)
        {
            AppendStrings(text, item, skipRole: true);
        }

        return new SessionItemText(index, role, text.ToString());
    }

    private static void AppendStrings(StringBuilder text, JsonElement element, bool skipRole)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                Append(text, element.GetString());
                break;
            case JsonValueKind.Array:
                foreach (JsonElement child in element.EnumerateArray())
                {
                    AppendStrings(text, child, skipRole: false);
                }

                break;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (!(skipRole && property.NameEquals("role")) && !property.NameEquals("$type"))
                    {
                        AppendStrings(text, property.Value, skipRole: false);
                    }
                }

                break;
        }
    }

    private static void Append(StringBuilder text, string? part)
    {
        if (string.IsNullOrEmpty(part))
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append('\n');
        }

        text.Append(part);
    }
}

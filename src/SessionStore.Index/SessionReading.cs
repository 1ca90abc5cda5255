using System.Text.Json;

namespace SessionStore.Index;

/// <summary>The one reading of a session's file and of appended items for the index: text through <see cref="SessionText"/>, token totals by their usual JSON names.</summary>
internal static class SessionReading
{
    private static readonly string[] InputNames = ["input_tokens", "inputTokens", "InputTokens"];
    private static readonly string[] OutputNames = ["output_tokens", "outputTokens", "OutputTokens"];

    /// <summary>The session's text and totals, or null when the bytes are not a session's JSON object.</summary>
    internal static IndexedSession? Read(ReadOnlySpan<byte> content, string itemsProperty)
    {
        SessionTextContent text;
        try
        {
            text = SessionText.Read(content, itemsProperty);
        }
        catch (ArgumentException)
        {
            return null;
        }

        (long input, long output) = Totals(content);
        return new IndexedSession(text.DerivedTitle, text.Items, input, output, text.Items.Any(IsUser));
    }

    /// <summary>The token totals of the members after an appended list (<see cref="FileSessionChange.AfterItems"/>).</summary>
    internal static (long Input, long Output) TotalsAfterItems(ReadOnlySpan<byte> afterItems)
    {
        byte[] wrapped = [.. "{\"_\":["u8, .. afterItems];
        return Totals(wrapped);
    }

    internal static bool IsUser(SessionItemText item) => string.Equals(item.Role, "user", StringComparison.OrdinalIgnoreCase);

    private static (long Input, long Output) Totals(ReadOnlySpan<byte> content)
    {
        long input = 0, output = 0;
        try
        {
            var reader = new Utf8JsonReader(content, new JsonReaderOptions { MaxDepth = 64 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (0, 0);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value))
                {
                    if (InputNames.Contains(name))
                    {
                        input = value;
                    }
                    else if (OutputNames.Contains(name))
                    {
                        output = value;
                    }
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
}

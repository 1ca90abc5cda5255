using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>
/// Reads a reference-format session's id, message count and token counts straight from its bytes,
/// without building the message strings. The file must still be a valid session: anything a full
/// load would refuse, this refuses too.
/// </summary>
internal static class SummaryReader
{
    internal static (string SessionId, int MessageCount, long InputTokens, long OutputTokens) Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        string? id = null;
        int messages = -1;
        long input = -1, output = -1;
        try
        {
            var reader = new Utf8JsonReader(utf8);
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "the file does not hold a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("session_id"u8))
                {
                    reader.Read();
                    Expect(reader.TokenType == JsonTokenType.String, "session_id is not a string");
                    id = reader.GetString();
                }
                else if (reader.ValueTextEquals("messages"u8))
                {
                    reader.Read();
                    Expect(reader.TokenType == JsonTokenType.StartArray, "messages is not an array");
                    messages = 0;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        Expect(reader.TokenType == JsonTokenType.String, "a message is not a string");
                        Expect(reader.ValueIsEscaped ? !StoredSession.HasLoneSurrogate(reader.GetString()!) : System.Text.Unicode.Utf8.IsValid(reader.ValueSpan),
                            "a message is not valid text");
                        messages++;
                    }
                }
                else if (reader.ValueTextEquals("input_tokens"u8))
                {
                    input = ReadCount(ref reader, "input_tokens");
                }
                else if (reader.ValueTextEquals("output_tokens"u8))
                {
                    output = ReadCount(ref reader, "output_tokens");
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            Expect(reader.TokenType == JsonTokenType.EndObject && !reader.Read(), "the file has content after the session");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the reader refusing to decode a string (a lone surrogate escape).
            throw new SessionFormatException(ex.Message, ex);
        }

        Expect(id is not null && messages >= 0 && input >= 0 && output >= 0, "a field is missing");
        return (id!, messages, input, output);
    }

    private static long ReadCount(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        Expect(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) && value >= 0, $"{name} is not a count");
        return reader.GetInt64();
    }

    private static void Expect(bool condition, string reason)
    {
        if (!condition)
        {
            throw new SessionFormatException(reason);
        }
    }
}

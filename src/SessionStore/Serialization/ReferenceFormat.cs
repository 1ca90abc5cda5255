using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>
/// The reference format's rules, read in one pass and in one place: all four fields required,
/// <c>session_id</c> a string, <c>messages</c> an array of strings (an escaped one may not hold a lone
/// surrogate; unescaped bytes are checked as UTF-8), counts integers that are not negative; unknown
/// properties skipped; a repeated property keeps its last value (as Python's json does). The full
/// load builds the messages; a summary only counts them.
/// </summary>
internal static class ReferenceFormat
{
    /// <summary>A session's fields; <c>MessagesEnd</c> is where the <c>]</c> that closes the messages array is, in bytes from the reader's start.</summary>
    internal readonly record struct Fields(string SessionId, List<string>? Messages, int MessageCount, long InputTokens, long OutputTokens, long MessagesEnd);

    /// <exception cref="JsonException">The object does not hold a valid session.</exception>
    internal static Fields Read(ref Utf8JsonReader reader, bool buildMessages)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject, "a session is a JSON object");
        string? id = null;
        List<string>? messages = null;
        int count = -1;
        long messagesEnd = -1;
        long? input = null, output = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("session_id"u8))
            {
                reader.Read();
                Expect(reader.TokenType == JsonTokenType.String, "session_id must be a string");
                id = reader.GetString();
            }
            else if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                Expect(reader.TokenType == JsonTokenType.StartArray, "messages must be an array");
                messages = buildMessages ? [] : null;
                count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Expect(reader.TokenType == JsonTokenType.String, "every message must be a string");
                    if (buildMessages || reader.ValueIsEscaped)
                    {
                        // Only an escape can smuggle in a lone surrogate (\ud800); raw UTF-8 cannot encode one.
                        string message = reader.GetString()!;
                        Expect(!reader.ValueIsEscaped || !StoredSession.HasLoneSurrogate(message), "a message holds a lone surrogate");
                        messages?.Add(message);
                    }
                    else
                    {
                        Expect(System.Text.Unicode.Utf8.IsValid(reader.ValueSpan), "a message is not valid UTF-8");
                    }

                    count++;
                }

                messagesEnd = reader.TokenStartIndex;
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

        Expect(id is not null && count >= 0 && input is not null && output is not null,
            "a session needs session_id, messages, input_tokens and output_tokens");
        return new Fields(id!, messages, count, input!.Value, output!.Value, messagesEnd);
    }

    private static long ReadCount(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        long count = 0;
        Expect(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out count) && count >= 0, name + " must be an integer that is not negative");
        return count;
    }

    private static void Expect(bool condition, string reason)
    {
        if (!condition)
        {
            throw new JsonException(reason);
        }
    }
}

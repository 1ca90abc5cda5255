using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionStore.Serialization;

/// <summary>
/// The reference format, read and written in one pass over the bytes: the generated metadata's
/// constructor path buffers every argument and checks nullability per element, which costs more than
/// reading the file. Strict like the contract: all four fields required, messages are strings, counts
/// are integers that are not negative (what <see cref="StoredSession.Validate"/> demands, so a loaded
/// session needs no second pass: the reader refuses invalid UTF-8, and escaped messages are checked
/// for lone surrogates here);
/// unknown properties are skipped; a repeated property keeps its last value (as Python does).
/// </summary>
internal sealed class StoredSessionConverter : JsonConverter<StoredSession>
{
    public override StoredSession Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject, "a session is a JSON object");
        string? id = null;
        List<string>? messages = null;
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
                messages = [];
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    Expect(reader.TokenType == JsonTokenType.String, "every message must be a string");
                    string message = reader.GetString()!;

                    // Only an escape can smuggle in a lone surrogate (\ud800); raw UTF-8 cannot encode one.
                    Expect(!reader.ValueIsEscaped || !StoredSession.HasLoneSurrogate(message), "a message holds a lone surrogate");
                    messages.Add(message);
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

        Expect(id is not null && messages is not null && input is not null && output is not null,
            "a session needs session_id, messages, input_tokens and output_tokens");
        return new StoredSession(id!, messages!, input!.Value, output!.Value);
    }

    public override void Write(Utf8JsonWriter writer, StoredSession value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("session_id"u8, value.SessionId);
        writer.WriteStartArray("messages"u8);
        foreach (string message in value.Messages)
        {
            writer.WriteStringValue(message);
        }

        writer.WriteEndArray();
        writer.WriteNumber("input_tokens"u8, value.InputTokens);
        writer.WriteNumber("output_tokens"u8, value.OutputTokens);
        writer.WriteEndObject();
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

using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>
/// Whether a file claims the reference format, and so is held to its rules (<see cref="ReferenceFormat"/>) by a
/// reader that does not know the directory's session type (<see cref="AnySessionStore"/>). A file claims it when
/// it is a JSON object (a byte order mark allowed) whose top level has <c>"session_id"</c> and at least two of
/// <c>"messages"</c>, <c>"input_tokens"</c> and <c>"output_tokens"</c>, and whose first property is not
/// <c>"schema_version"</c> (which only a versioned store writes, and the reference format never has). A file
/// torn before its end is judged by the properties it still has. One of the four keys alone, or
/// <c>"session_id"</c> with one other, is a name another session type may well use; three of the four are the
/// reference shape with something wrong in it.
/// </summary>
internal static class ReferenceShape
{
    internal static bool Claims(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        bool sessionId = false, messages = false, input = false, output = false;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 4096 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            for (bool first = true; reader.Read() && reader.TokenType == JsonTokenType.PropertyName; first = false)
            {
                if (first && reader.ValueTextEquals(SessionSchema.VersionPropertyName))
                {
                    return false;
                }

                sessionId |= reader.ValueTextEquals("session_id"u8);
                messages |= reader.ValueTextEquals("messages"u8);
                input |= reader.ValueTextEquals("input_tokens"u8);
                output |= reader.ValueTextEquals("output_tokens"u8);
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Torn or malformed: what it has so far is what it claims.
        }

        return sessionId && (messages ? 1 : 0) + (input ? 1 : 0) + (output ? 1 : 0) >= 2;
    }
}

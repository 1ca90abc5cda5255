using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>
/// Reads a reference-format session's id, message count and token counts straight from its bytes,
/// without building the message strings; the same rules as a full load (<see cref="ReferenceFormat"/>).
/// </summary>
internal static class SummaryReader
{
    internal static (string SessionId, int MessageCount, long InputTokens, long OutputTokens) Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read())
            {
                throw new SessionFormatException("the file is empty");
            }

            ReferenceFormat.Fields fields = ReferenceFormat.Read(ref reader, buildMessages: false);
            if (reader.Read())
            {
                throw new SessionFormatException("the file has content after the session");
            }

            return (fields.SessionId, fields.MessageCount, fields.InputTokens, fields.OutputTokens);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the reader refusing to decode a string (a lone surrogate escape).
            throw new SessionFormatException(ex.Message, ex);
        }
    }
}

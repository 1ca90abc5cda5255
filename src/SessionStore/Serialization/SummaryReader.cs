using System.Text.Json;

namespace SessionStore.Serialization;

/// <summary>
/// Reads a reference-format session's id, message count and token counts straight from its bytes,
/// without building the message strings; the same rules as a full load (<see cref="ReferenceFormat"/>).
/// </summary>
internal static class SummaryReader
{
    /// <remarks><see cref="ReferenceFormat.Fields.MessagesEnd"/> counts from the start of <paramref name="utf8"/>, a byte order mark included.</remarks>
    internal static ReferenceFormat.Fields Read(ReadOnlySpan<byte> utf8)
    {
        int start = 0;
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
            start = 3;
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

            return fields with { MessagesEnd = fields.MessagesEnd + start };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: the reader refusing to decode a string (a lone surrogate escape).
            throw new SessionFormatException(ex.Message, ex);
        }
    }
}

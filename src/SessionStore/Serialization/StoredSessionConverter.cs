using System.Text.Json;
using System.Text.Json.Serialization;

namespace SessionStore.Serialization;

/// <summary>
/// The reference format, read and written in one pass over the bytes (<see cref="ReferenceFormat"/>):
/// the generated metadata's constructor path buffers every argument and checks nullability per element,
/// which cost more than reading the file. The rules it enforces are those of
/// <see cref="StoredSession.Validate"/>, so a loaded session needs no second pass.
/// </summary>
internal sealed class StoredSessionConverter : JsonConverter<StoredSession>
{
    public override StoredSession Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ReferenceFormat.Fields fields = ReferenceFormat.Read(ref reader, buildMessages: true);
        return new StoredSession(fields.SessionId, fields.Messages!, fields.InputTokens, fields.OutputTokens);
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
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Sessions the reference format cannot read because another session type wrote them (an agent's
/// conversation of Microsoft.Extensions.AI messages, a generated store's own type): read as plain JSON
/// through a store (links never followed, the same limits), so <c>list</c> and <c>show</c> still present them.
/// </summary>
internal sealed class OtherSessionTypes(string directory)
{
    private static readonly string[] IdProperties = ["id", "session_id", "sessionId", "conversation_id", "conversationId"];

    private readonly FileSessionStore<JsonObject> _store =
        new(directory, new SessionDescriptor<JsonObject>(ToolJsonContext.Default.JsonObject, IdOf));

    /// <summary>The session as JSON and what <c>list</c> shows of it, or null when it is not a JSON object that names itself by this id.</summary>
    internal (JsonElement Session, SessionSummary Summary)? TryRead(string id)
    {
        JsonObject? stored;
        try
        {
            if (!_store.TryLoad(id, out stored))
            {
                return null;
            }
        }
        catch (SessionCorruptException)
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(stored.ToJsonString());
        JsonElement session = document.RootElement.Clone();
        var file = new FileInfo(Path.Join(directory, id + ".json"));
        JsonElement usage = session.TryGetProperty("usage", out JsonElement u) && u.ValueKind == JsonValueKind.Object ? u : default;
        var summary = new SessionSummary(
            id,
            Rendering.Conversation.Messages(session).Count(),
            Count(usage, "inputTokenCount") + Count(session, "input_tokens"),
            Count(usage, "outputTokenCount") + Count(session, "output_tokens"),
            file.Exists ? file.Length : 0,
            file.Exists ? new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) : default);
        return (session, summary);
    }

    private static string IdOf(JsonObject session)
    {
        foreach (string name in IdProperties)
        {
            if (session[name] is JsonValue id && id.TryGetValue(out string? text))
            {
                return text;
            }
        }

        return "";
    }

    private static long Count(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value) && value.TryGetInt64(out long count) ? count : 0;
}

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

    /// <summary>The session as JSON, or null when it is not a JSON object that names itself by this id.</summary>
    internal JsonElement? TryLoad(string id)
    {
        try
        {
            if (!_store.TryLoad(id, out JsonObject? session))
            {
                return null;
            }

            using JsonDocument document = JsonDocument.Parse(session.ToJsonString());
            return document.RootElement.Clone();
        }
        catch (SessionCorruptException)
        {
            return null;
        }
    }

    /// <summary>What <c>list</c> shows of such a session, or null when it cannot be read as one.</summary>
    internal SessionSummary? TrySummarize(string id)
    {
        if (TryLoad(id) is not { } session)
        {
            return null;
        }

        var file = new FileInfo(Path.Join(directory, id + ".json"));
        JsonElement usage = session.TryGetProperty("usage", out JsonElement u) && u.ValueKind == JsonValueKind.Object ? u : default;
        return new SessionSummary(
            id,
            Rendering.Conversation.Messages(session).Count(),
            Count(usage, "inputTokenCount") + Count(session, "input_tokens"),
            Count(usage, "outputTokenCount") + Count(session, "output_tokens"),
            file.Exists ? file.Length : 0,
            file.Exists ? new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero) : default);
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

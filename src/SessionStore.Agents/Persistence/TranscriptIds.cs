using System.Text.Json;

namespace SessionStore.Agents.Persistence;

/// <summary>The store ids of the conversations a serialized agent session's chat history provider state names, wherever the agent keeps its state bag.</summary>
internal static class TranscriptIds
{
    private const int MaxDepth = 32;

    /// <summary>The store id of every conversation id held as <c>conversationId</c> under a property named <paramref name="stateKey"/>.</summary>
    internal static List<string> In(JsonElement state, string stateKey)
    {
        var ids = new List<string>();
        Collect(state, stateKey, ids, 0);
        return ids;
    }

    private static void Collect(JsonElement element, string stateKey, List<string> ids, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (property.NameEquals(stateKey) && property.Value.ValueKind == JsonValueKind.Object &&
                        property.Value.TryGetProperty("conversationId", out JsonElement id) && id.ValueKind == JsonValueKind.String &&
                        id.GetString() is { Length: > 0 } conversationId && ConversationIds.ToSessionId(conversationId) is var stored && !ids.Contains(stored))
                    {
                        ids.Add(stored);
                    }
                    else
                    {
                        Collect(property.Value, stateKey, ids, depth + 1);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Collect(item, stateKey, ids, depth + 1);
                }

                break;
        }
    }
}

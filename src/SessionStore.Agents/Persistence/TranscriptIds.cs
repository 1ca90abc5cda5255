using System.Text.Json;

namespace SessionStore.Agents.Persistence;

/// <summary>The conversation ids a serialized agent session's chat history provider state names, wherever the agent keeps its state bag.</summary>
internal static class TranscriptIds
{
    private const int MaxDepth = 32;

    /// <summary>Every valid session id held as <c>conversationId</c> under a property named <paramref name="stateKey"/>.</summary>
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
                        id.GetString() is { } conversationId && SessionIdRules.IsValid(conversationId) && !ids.Contains(conversationId))
                    {
                        ids.Add(conversationId);
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

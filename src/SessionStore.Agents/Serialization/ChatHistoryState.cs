using System.Text.Json.Serialization;

namespace SessionStore.Agents.Serialization;

/// <summary>What <see cref="SessionStoreChatHistoryProvider"/> keeps in an agent session's state bag: which conversation is its history.</summary>
internal sealed class ChatHistoryState
{
    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; set; }
}

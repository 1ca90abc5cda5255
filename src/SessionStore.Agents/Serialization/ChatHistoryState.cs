using System.Text.Json.Serialization;

namespace SessionStore.Agents.Serialization;

/// <summary>What <see cref="SessionStoreChatHistoryProvider"/> keeps in an agent session's state bag: which conversation is its history.</summary>
internal sealed class ChatHistoryState
{
    [JsonPropertyName("conversationId")]
    public string? ConversationId { get; set; }

    /// <summary>
    /// The branch point: how many of the conversation's messages belong to this agent session (it provides only those,
    /// and appends only while the conversation still ends there); <see langword="null"/> until its first run reads them.
    /// </summary>
    [JsonPropertyName("messageCount")]
    public int? MessageCount { get; set; }
}

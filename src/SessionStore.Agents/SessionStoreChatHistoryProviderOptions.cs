using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents;

/// <summary>Options of <see cref="SessionStoreChatHistoryProvider"/>, named as <see cref="InMemoryChatHistoryProviderOptions"/>'.</summary>
public sealed class SessionStoreChatHistoryProviderOptions
{
    /// <summary>The key of the provider's state in <see cref="AgentSession.StateBag"/>; default <c>"SessionStoreChatHistoryProvider"</c>.</summary>
    public string? StateKey { get; set; }

    /// <summary>
    /// Makes the id of a new session's conversation (a valid session id: see <see cref="SessionIdRules"/>);
    /// default a new GUID in its 32-digit form.
    /// </summary>
    public Func<AgentSession?, string>? ConversationIdFactory { get; set; }

    /// <summary>
    /// Reduces the history sent to the model on each run (for example MEAI's <c>MessageCountingChatReducer</c> or <c>SummarizingChatReducer</c>);
    /// the stored transcript is never reduced.
    /// </summary>
    public IChatReducer? ChatReducer { get; set; }

    /// <summary>Applied to the history this provider returns; <see langword="null"/>: none.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? ProvideOutputMessageFilter { get; set; }

    /// <summary>Applied to request messages before they are stored; <see langword="null"/>: MAF's default, which leaves out messages that came from chat history.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StorageInputRequestMessageFilter { get; set; }

    /// <summary>Applied to response messages before they are stored; <see langword="null"/>: none.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StorageInputResponseMessageFilter { get; set; }

    /// <summary>The clock of <see cref="ChatConversation.CreatedAt"/> and <see cref="ChatConversation.UpdatedAt"/>; default the system's.</summary>
    public TimeProvider? TimeProvider { get; set; }
}

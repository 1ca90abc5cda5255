using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents;

/// <summary>Options of <see cref="SessionStoreChatHistoryProvider"/>, named as <see cref="InMemoryChatHistoryProviderOptions"/>'.</summary>
public sealed class SessionStoreChatHistoryProviderOptions
{
    private int? _maxHistoryMessages;

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

    /// <summary>
    /// Reads and sends at most this many of the latest messages on each run (before <see cref="ChatReducer"/>; tool results
    /// whose calls fall outside are left out too), so a turn costs O(window), not O(conversation), on a store that reads
    /// windows (<see cref="ISessionItemReader{TSession}"/>: the directory store and PostgreSQL built from
    /// <see cref="AgentJson.ChatConversationDescriptor"/>). The stored transcript stays whole. <see langword="null"/> (the
    /// default): the whole history is read and sent.
    /// </summary>
    public int? MaxHistoryMessages
    {
        get => _maxHistoryMessages;
        set => _maxHistoryMessages = value is < 1 ? throw new ArgumentOutOfRangeException(nameof(value), value, "At least one message.") : value;
    }

    /// <summary>Applied to the history this provider returns; <see langword="null"/>: none.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? ProvideOutputMessageFilter { get; set; }

    /// <summary>Applied to request messages before they are stored; <see langword="null"/>: MAF's default, which leaves out messages that came from chat history.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StorageInputRequestMessageFilter { get; set; }

    /// <summary>Applied to response messages before they are stored; <see langword="null"/>: none.</summary>
    public Func<IEnumerable<ChatMessage>, IEnumerable<ChatMessage>>? StorageInputResponseMessageFilter { get; set; }

    /// <summary>
    /// Whether agent sessions are independent branches, as MAF's <see cref="AgentSessionStore"/> specifies (the default): a
    /// session sees only the messages it has seen and stored itself, and its turn goes into a copy of its conversation when
    /// another session appended to it since. A run that stored its turn (or, with per-service-call persistence, part of it)
    /// but whose session was not saved, because the process died, is then not part of the saved session: the resumed
    /// session runs the turn again, as with MAF's in-memory provider. <see langword="false"/>: every session of a conversation
    /// sees everything appended to it, so a resumed session continues from whatever was stored (and, with per-service-call
    /// persistence, does not run a finished tool call again), but branches see each other's turns.
    /// </summary>
    public bool IndependentBranches { get; set; } = true;

    /// <summary>The clock of <see cref="ChatConversation.CreatedAt"/> and <see cref="ChatConversation.UpdatedAt"/>; default the system's.</summary>
    public TimeProvider? TimeProvider { get; set; }
}

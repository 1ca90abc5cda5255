using System.Text.Json;
using Microsoft.Agents.AI;

namespace SessionStore.Agents;

/// <summary>Options of <see cref="SessionStoreAgentSessionStore"/>.</summary>
public sealed class SessionStoreAgentSessionStoreOptions
{
    /// <summary>
    /// Whether a save fails with <see cref="SessionConflictException"/> when the stored session changed since
    /// this store handed the session out (default <see langword="true"/>). Sessions this store never handed out
    /// (made with <see cref="AIAgent.CreateSessionAsync(CancellationToken)"/> directly) are saved unconditionally.
    /// </summary>
    public bool DetectConflicts { get; set; } = true;

    /// <summary>
    /// Whether the agent's <see cref="AIAgent.Name"/> is part of a session's identity (default <see langword="true"/>),
    /// as in MAF's file-system store: two agents may then use the same keys without sharing sessions.
    /// </summary>
    public bool ScopeByAgentName { get; set; } = true;

    /// <summary>Passed to <see cref="AIAgent.SerializeSessionAsync"/> and <see cref="AIAgent.DeserializeSessionAsync"/>; <see langword="null"/>: the agent's defaults.</summary>
    public JsonSerializerOptions? JsonSerializerOptions { get; set; }

    /// <summary>The clock of <see cref="StoredAgentSession.UpdatedAt"/>; default the system's.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// The store of the conversations that hold the sessions' chat history (a <see cref="SessionStoreChatHistoryProvider"/>'s
    /// store). When set, <see cref="SessionStoreAgentSessionStore.DeleteSessionAsync"/> deletes a session's transcript with it,
    /// unless <see cref="KeepTranscriptsOnDelete"/>. <c>AddSessionStoreAgentSessions</c> sets it to the container's
    /// <see cref="ISessionStore{TSession}"/> of <see cref="ChatConversation"/>s when there is one and this is not set.
    /// </summary>
    public ISessionStore<ChatConversation>? Transcripts { get; set; }

    /// <summary>Whether deleting a session keeps its transcript in <see cref="Transcripts"/> (default <see langword="false"/>: a delete deletes what the user said too).</summary>
    public bool KeepTranscriptsOnDelete { get; set; }

    /// <summary>The state key of the chat history provider whose conversations are the transcripts (its <see cref="SessionStoreChatHistoryProviderOptions.StateKey"/>; default the provider's).</summary>
    public string ChatHistoryStateKey { get; set; } = nameof(SessionStoreChatHistoryProvider);

    /// <summary>
    /// The partition of a session's <see cref="AgentSessionStoreKey"/> that names its owner (a user or tenant id, e.g.
    /// <c>"user"</c>); <see langword="null"/> (the default): sessions have no owner. When the store has a catalog
    /// (<see cref="ISessionCatalog"/>), every save records the owner, the agent and the conversation's title in it, so
    /// <see cref="SessionStoreAgentSessionStore.ListConversationPageAsync"/> answers in O(page).
    /// </summary>
    public string? OwnerPartition { get; set; }

    /// <summary>A copy with <see cref="Transcripts"/> set, unless it was.</summary>
    internal SessionStoreAgentSessionStoreOptions WithTranscripts(ISessionStore<ChatConversation>? transcripts)
    {
        var copy = (SessionStoreAgentSessionStoreOptions)MemberwiseClone();
        copy.Transcripts ??= transcripts;
        return copy;
    }
}

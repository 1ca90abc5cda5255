using System.Diagnostics.CodeAnalysis;
using Microsoft.Agents.AI;

namespace SessionStore.Agents;

/// <summary>One line from a store to Agent Framework.</summary>
public static class SessionStoreAgentsExtensions
{
    /// <summary>
    /// A <see cref="ChatHistoryProvider"/> over <paramref name="store"/>:
    /// <c>new ChatClientAgentOptions { ChatHistoryProvider = store.AsChatHistoryProvider() }</c>.
    /// </summary>
    /// <param name="store">Where the conversations live.</param>
    /// <param name="options">State key, conversation ids, reducer and filters.</param>
    /// <returns>The provider.</returns>
    public static SessionStoreChatHistoryProvider AsChatHistoryProvider(this ISessionStore<ChatConversation> store, SessionStoreChatHistoryProviderOptions? options = null) =>
        new(store, options);

    /// <summary>An <see cref="AgentSessionStore"/> over <paramref name="store"/>.</summary>
    /// <param name="store">Where the sessions live.</param>
    /// <param name="options">Conflict detection, scoping and JSON options.</param>
    /// <returns>The store.</returns>
    [Experimental("MAAI001")]
    public static SessionStoreAgentSessionStore AsAgentSessionStore(this ISessionStore<StoredAgentSession> store, SessionStoreAgentSessionStoreOptions? options = null) =>
        new(store, options);

    /// <summary>
    /// The keys of the sessions stored in <paramref name="store"/>, for code that holds the <see cref="AgentSessionStore"/> the
    /// container resolves (no cast): <see cref="SessionStoreAgentSessionStore.ListSessionsAsync"/> of the store, or of the one
    /// a delegating store wraps (found with <see cref="AgentSessionStore.GetService"/>).
    /// </summary>
    /// <param name="store">A <see cref="SessionStoreAgentSessionStore"/>, or a store that wraps one.</param>
    /// <param name="agent">Only this agent's sessions; <see langword="null"/>: every session.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="NotSupportedException"><paramref name="store"/> is not this library's store and does not wrap one.</exception>
    /// <exception cref="SessionCorruptException">A stored session cannot be read.</exception>
    /// <exception cref="SessionStorageException">The store could not be read.</exception>
    [Experimental("MAAI001")]
    public static ValueTask<IReadOnlyList<AgentSessionStoreKey>> ListSessionsAsync(this AgentSessionStore store, AIAgent? agent = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        SessionStoreAgentSessionStore ours = store as SessionStoreAgentSessionStore
            ?? store.GetService<SessionStoreAgentSessionStore>()
            ?? throw new NotSupportedException($"{store.GetType().Name} cannot list its sessions: it is not a {nameof(SessionStoreAgentSessionStore)} and does not wrap one.");
        return ours.ListSessionsAsync(agent, cancellationToken);
    }
}

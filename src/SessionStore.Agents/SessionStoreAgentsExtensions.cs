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
}

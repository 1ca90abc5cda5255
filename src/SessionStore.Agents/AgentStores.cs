using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace SessionStore.Agents;

/// <summary>
/// Directory stores of this library's session types. For PostgreSQL (the <c>SessionStore.Postgres</c> package), pass the
/// same descriptor, so a turn is appended there too: <c>new PostgresSessionStore&lt;ChatConversation&gt;(dataSource, "conversations", AgentJson.ChatConversationDescriptor())</c>.
/// </summary>
public static class AgentStores
{
    /// <summary>
    /// A directory of <see cref="ChatConversation"/>s, one <c>&lt;id&gt;.json</c> file each, whose messages are the list
    /// that grows per turn (<see cref="AgentJson.ChatConversationDescriptor"/>): a turn is appended in O(delta).
    /// </summary>
    /// <param name="directory">The directory; created on the first write.</param>
    /// <param name="options">Durability, limits and locking; <see langword="null"/> for the defaults (durable).</param>
    /// <param name="jsonOptions">Options with custom <see cref="Microsoft.Extensions.AI.AIContent"/> types registered (see <see cref="AgentJson"/>); <see langword="null"/>: <see cref="AgentJson.DefaultOptions"/>.</param>
    /// <returns>The store.</returns>
    public static FileSessionStore<ChatConversation> Conversations(string directory, FileSessionStoreOptions? options = null, JsonSerializerOptions? jsonOptions = null) =>
        new(directory, AgentJson.ChatConversationDescriptor(jsonOptions), options ?? new FileSessionStoreOptions());

    /// <summary>A directory of <see cref="StoredAgentSession"/>s, for <see cref="SessionStoreAgentSessionStore"/>.</summary>
    /// <param name="directory">The directory; created on the first write. Not the directory of the conversations: one directory holds one session type.</param>
    /// <param name="options">Durability, limits and locking; <see langword="null"/> for the defaults (durable).</param>
    /// <returns>The store.</returns>
    [Experimental("MAAI001")]
    public static FileSessionStore<StoredAgentSession> AgentSessions(string directory, FileSessionStoreOptions? options = null) =>
        new(directory, AgentJson.StoredAgentSession, static s => s.Id, options ?? new FileSessionStoreOptions());
}

using Npgsql;
using SessionStore.Agents;
using SessionStore.Postgres;

namespace SessionStore.Samples.AgentHost;

/// <summary>Where the host keeps its agent sessions and their conversations: a directory, or two PostgreSQL tables.</summary>
internal sealed class HostStores(ISessionStore<StoredAgentSession> agentSessions, ISessionStore<ChatConversation> conversations, IDisposable? connection) : IDisposable
{
    /// <summary>The agent sessions (one per user and conversation id).</summary>
    public ISessionStore<StoredAgentSession> AgentSessions { get; } = agentSessions;

    /// <summary>The conversations' messages, appended per turn.</summary>
    public ISessionStore<ChatConversation> Conversations { get; } = conversations;

    /// <summary>The stores <c>--store DIR</c> or <c>--postgres CONNSTRING [--tables PREFIX]</c> name.</summary>
    public static HostStores From(IConfiguration configuration)
    {
        if (configuration["postgres"] is { Length: > 0 } connectionString)
        {
            string prefix = configuration["tables"] ?? "agent_host";
            NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
            return new HostStores(
                new PostgresSessionStore<StoredAgentSession>(dataSource, prefix + "_sessions", AgentJson.StoredAgentSession, static s => s.Id),
                new PostgresSessionStore<ChatConversation>(dataSource, prefix + "_conversations", AgentJson.ChatConversationDescriptor()),
                dataSource);
        }

        string directory = configuration["store"] is { Length: > 0 } store
            ? store
            : throw new InvalidOperationException("Name a store: --store DIR, or --postgres CONNSTRING [--tables PREFIX].");
        return new HostStores(
            AgentStores.AgentSessions(Path.Combine(directory, "agent-sessions")),
            AgentStores.Conversations(Path.Combine(directory, "conversations")),
            null);
    }

    public void Dispose() => connection?.Dispose();
}

using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Agents.Worker;

/// <summary>
/// The stores a worker uses: <c>dir:PATH</c> (conversations in PATH/conversations, agent sessions in PATH/agent-sessions)
/// or <c>pg:PREFIX</c> (tables PREFIX_conversations and PREFIX_sessions on the server SESSIONSTORE_POSTGRES names).
/// </summary>
public sealed class Backend : IDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    public Backend(string spec)
    {
        var fast = new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMinutes(1) };
        if (spec.StartsWith("dir:", StringComparison.Ordinal))
        {
            string root = spec["dir:".Length..];
            Conversations = AgentStores.Conversations(Path.Combine(root, "conversations"), fast);
            AgentSessions = AgentStores.AgentSessions(Path.Combine(root, "agent-sessions"), fast);
        }
        else if (spec.StartsWith("pg:", StringComparison.Ordinal))
        {
            string prefix = spec["pg:".Length..];
            string connection = Environment.GetEnvironmentVariable("SESSIONSTORE_POSTGRES") ?? throw new InvalidOperationException("SESSIONSTORE_POSTGRES is not set");
            _dataSource = new NpgsqlSlimDataSourceBuilder(connection).Build();
            var options = new PostgresSessionStoreOptions { LockTimeout = TimeSpan.FromMinutes(1) };
            Conversations = new PostgresSessionStore<ChatConversation>(_dataSource, prefix + "_conversations", AgentJson.ChatConversationDescriptor(), options);
            AgentSessions = new PostgresSessionStore<StoredAgentSession>(_dataSource, prefix + "_sessions", AgentJson.StoredAgentSession, static s => s.Id, options: options);
        }
        else
        {
            throw new ArgumentException($"unknown backend '{spec}'", nameof(spec));
        }
    }

    public ISessionStore<ChatConversation> Conversations { get; }

    public ISessionStore<StoredAgentSession> AgentSessions { get; }

    /// <summary>Drops the PostgreSQL tables (tests clean up with it).</summary>
    public void DropTables(string prefix)
    {
        if (_dataSource is null)
        {
            return;
        }

        foreach (string suffix in new[] { "_conversations_items", "_conversations_text", "_sessions_text", "_conversations", "_sessions", "_conversations_trash", "_conversations_pins", "_sessions_trash", "_sessions_pins" })
        {
            using NpgsqlCommand drop = _dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{prefix}{suffix}\" CASCADE");
            drop.ExecuteNonQuery();
        }
    }

    public void Dispose() => _dataSource?.Dispose();
}

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
}

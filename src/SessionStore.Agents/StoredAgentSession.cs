using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Agents.AI;

namespace SessionStore.Agents;

/// <summary>
/// An agent session as a <see cref="SessionStoreAgentSessionStore"/> stores it: the key it was saved under
/// and what <see cref="AIAgent.SerializeSessionAsync"/> made of it.
/// </summary>
/// <param name="id">The store's id for this session (derived from the key; see <see cref="SessionStoreAgentSessionStore"/>).</param>
/// <param name="sessionId">The <see cref="AgentSessionStoreKey.SessionId"/> it was saved under.</param>
/// <param name="partitions">The <see cref="AgentSessionStoreKey.Partitions"/> it was saved under, or <see langword="null"/>.</param>
/// <param name="agentName">The name of the agent that saved it, when the store is scoped by agent name.</param>
/// <param name="state">The serialized session.</param>
/// <param name="updatedAt">When it was saved.</param>
[Experimental("MAAI001")]
[method: JsonConstructor]
public sealed class StoredAgentSession(
    string id, string sessionId, IReadOnlyDictionary<string, string>? partitions, string? agentName, JsonElement state, DateTimeOffset updatedAt)
{
    /// <summary>The store's id for this session.</summary>
    [SessionId]
    [JsonPropertyName("id")]
    public string Id { get; } = id;

    /// <summary>The <see cref="AgentSessionStoreKey.SessionId"/> it was saved under.</summary>
    [JsonPropertyName("sessionId")]
    public string SessionId { get; } = sessionId;

    /// <summary>The <see cref="AgentSessionStoreKey.Partitions"/> it was saved under, or <see langword="null"/>.</summary>
    [JsonPropertyName("partitions")]
    public IReadOnlyDictionary<string, string>? Partitions { get; } = partitions;

    /// <summary>The name of the agent that saved it, when the store is scoped by agent name; else <see langword="null"/>.</summary>
    [JsonPropertyName("agentName")]
    public string? AgentName { get; } = agentName;

    /// <summary>The serialized session, as <see cref="AIAgent.SerializeSessionAsync"/> returned it.</summary>
    [JsonPropertyName("state")]
    public JsonElement State { get; } = state;

    /// <summary>When it was saved.</summary>
    [JsonPropertyName("updatedAt")]
    public DateTimeOffset UpdatedAt { get; } = updatedAt;

    /// <summary>The key this session was saved under.</summary>
    /// <returns>A new key with the same session id and partitions.</returns>
    public AgentSessionStoreKey ToKey() => new(SessionId, Partitions);
}

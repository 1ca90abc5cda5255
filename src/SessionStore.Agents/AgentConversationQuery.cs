using System.Diagnostics.CodeAnalysis;
using Microsoft.Agents.AI;

namespace SessionStore.Agents;

/// <summary>Which conversations a host's picker lists, and which page (<see cref="SessionStoreAgentSessionStore.ListConversationPageAsync"/>).</summary>
[Experimental("MAAI001")]
public sealed record AgentConversationQuery
{
    /// <summary>Only this owner's sessions (the value of <see cref="SessionStoreAgentSessionStoreOptions.OwnerPartition"/> in their keys); <see langword="null"/>: every owner's.</summary>
    public string? Owner { get; init; }

    /// <summary>Only this agent's sessions (by its <see cref="AIAgent.Name"/>, when the store is scoped by it); <see langword="null"/>: every agent's.</summary>
    public AIAgent? Agent { get; init; }

    /// <summary>At most this many conversations: 1 to <see cref="SessionQuery.MaxPageSize"/> (default 20).</summary>
    public int PageSize { get; init; } = 20;

    /// <summary>The previous page's <see cref="AgentConversationPage.NextPageToken"/>, or <see langword="null"/> for the first page.</summary>
    public string? PageToken { get; init; }
}

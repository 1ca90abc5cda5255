using System.Diagnostics.CodeAnalysis;
using Microsoft.Agents.AI;

namespace SessionStore.Agents;

/// <summary>An agent session as a host's "pick up where you left off" screen lists it: <see cref="SessionStoreAgentSessionStore.ListConversationsAsync"/>.</summary>
[Experimental("MAAI001")]
public sealed class AgentConversationSummary
{
    /// <summary>Creates a summary.</summary>
    /// <param name="key">The key the session was saved under.</param>
    /// <param name="agentName">The agent's name, when the store is scoped by it.</param>
    /// <param name="title">The conversation's title (<see cref="ChatConversation.Title"/>), when known.</param>
    /// <param name="messageCount">How many messages its conversation holds, when known.</param>
    /// <param name="updatedAt">When the session or its conversation last changed.</param>
    public AgentConversationSummary(AgentSessionStoreKey key, string? agentName, string? title, int? messageCount, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        AgentName = agentName;
        Title = title;
        MessageCount = messageCount;
        UpdatedAt = updatedAt;
    }

    /// <summary>The key the session was saved under: pass it to <see cref="SessionStoreAgentSessionStore.GetSessionAsync"/> to resume.</summary>
    public AgentSessionStoreKey Key { get; }

    /// <summary>The name of the agent that saved it, when the store is scoped by agent name; else <see langword="null"/>.</summary>
    public string? AgentName { get; }

    /// <summary>The conversation's title; <see langword="null"/> before its first user message, or without <see cref="SessionStoreAgentSessionStoreOptions.Transcripts"/>.</summary>
    public string? Title { get; }

    /// <summary>How many messages the conversation holds; <see langword="null"/> when unknown (no <see cref="SessionStoreAgentSessionStoreOptions.Transcripts"/>).</summary>
    public int? MessageCount { get; }

    /// <summary>When the session was saved or its conversation last had a turn, whichever is later.</summary>
    public DateTimeOffset UpdatedAt { get; }
}

using System.Diagnostics.CodeAnalysis;

namespace SessionStore.Agents;

/// <summary>One page of a host's conversation picker, most recent first (<see cref="SessionStoreAgentSessionStore.ListConversationPageAsync"/>).</summary>
/// <param name="Conversations">The conversations.</param>
/// <param name="NextPageToken">The next page's token, or <see langword="null"/> when this is the last.</param>
[Experimental("MAAI001")]
public sealed record AgentConversationPage(IReadOnlyList<AgentConversationSummary> Conversations, string? NextPageToken);

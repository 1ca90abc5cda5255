namespace SessionStore.Samples.AgentHost;

/// <summary>One row of a user's conversation picker.</summary>
/// <param name="Id">The conversation's id, as the user named it.</param>
/// <param name="Title">From the first user message; <see langword="null"/> before the first turn.</param>
/// <param name="MessageCount">Messages stored, user's and agent's.</param>
/// <param name="UpdatedAt">When it last changed.</param>
internal sealed record ConversationItem(string Id, string? Title, int? MessageCount, DateTimeOffset UpdatedAt);

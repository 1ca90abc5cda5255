namespace SessionStore.Samples.AgentHost;

/// <summary>The agent's answer to one turn.</summary>
/// <param name="Reply">The agent's text.</param>
internal sealed record TurnReply(string Reply);

namespace SessionStore.Samples.AgentHost;

/// <summary>What a user sends in one turn.</summary>
/// <param name="Text">The message.</param>
internal sealed record TurnRequest(string Text);

namespace SessionStore.Samples.AgentHost;

/// <summary>One message of a conversation, as a reader sees it.</summary>
/// <param name="Role">user, assistant, tool, system.</param>
/// <param name="Text">Its text.</param>
internal sealed record MessageItem(string Role, string Text);

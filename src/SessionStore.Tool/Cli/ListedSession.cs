namespace SessionStore.Tool.Cli;

/// <summary>A session as <c>list --json</c> prints it: its summary and whether it is pinned (snake_case, as every session the tool prints).</summary>
internal sealed record ListedSession(string SessionId, int MessageCount, long InputTokens, long OutputTokens, long SizeBytes, DateTimeOffset LastModified, bool Pinned);

namespace SessionStore.Index;

/// <summary>What the index derives from one session's file: its text, title and counts.</summary>
internal sealed record IndexedSession(string DerivedTitle, IReadOnlyList<SessionItemText> Items, long InputTokens, long OutputTokens, bool HasUserItem);

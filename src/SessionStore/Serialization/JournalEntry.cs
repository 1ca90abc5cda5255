namespace SessionStore.Serialization;

/// <summary>One append to a session: the messages added and the token counts to add.</summary>
/// <param name="Messages">The new messages, in order.</param>
/// <param name="InputTokens">Input tokens to add.</param>
/// <param name="OutputTokens">Output tokens to add.</param>
internal sealed record JournalEntry(IReadOnlyList<string> Messages, long InputTokens, long OutputTokens);

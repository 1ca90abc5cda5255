namespace SessionStore;

/// <summary>What a listing shows of a stored session, read without materializing its messages.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="MessageCount">The number of messages.</param>
/// <param name="InputTokens">The input token count.</param>
/// <param name="OutputTokens">The output token count.</param>
/// <param name="SizeBytes">The size of the session's file.</param>
/// <param name="LastModified">When the session's file was last written.</param>
public sealed record SessionSummary(string SessionId, int MessageCount, long InputTokens, long OutputTokens, long SizeBytes, DateTimeOffset LastModified);

namespace SessionStore;

/// <summary>
/// Thrown by a conditional save when the stored session is no longer the revision the caller read:
/// someone else saved or deleted it meanwhile. Nothing was written; load it again and retry.
/// </summary>
public sealed class SessionConflictException : IOException
{
    /// <summary>Creates the exception for a revision that changed.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="expectedETag">The revision the caller expected; <see langword="null"/> for "absent".</param>
    /// <param name="actualETag">The revision found; <see langword="null"/> when the session is absent.</param>
    public SessionConflictException(string sessionId, string path, string? expectedETag, string? actualETag)
        : base($"Session '{sessionId}' at '{path}' changed: expected {Describe(expectedETag)}, found {Describe(actualETag)}. Nothing was written.")
    {
        SessionId = sessionId;
        Path = path;
        ExpectedETag = expectedETag;
        ActualETag = actualETag;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the session's file.</summary>
    public string Path { get; }

    /// <summary>The revision the caller expected; <see langword="null"/> when it expected no session.</summary>
    public string? ExpectedETag { get; }

    /// <summary>The revision found; <see langword="null"/> when there is no session.</summary>
    public string? ActualETag { get; }

    private static string Describe(string? etag) => etag is null ? "no session" : "revision " + etag;
}

namespace SessionStore;

/// <summary>
/// Thrown by a conditional save when the stored session is no longer the revision the caller read:
/// someone else saved or deleted it meanwhile. Nothing was written; load it again and retry.
/// </summary>
public sealed class SessionConflictException : IOException, ISessionError
{
    /// <summary>Creates the exception for a revision that changed.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="expectedETag">The revision the caller expected; <see langword="null"/> for "absent".</param>
    /// <param name="actualETag">The revision found; <see langword="null"/> when the session is absent.</param>
    public SessionConflictException(string sessionId, string path, string? expectedETag, string? actualETag)
        : this(sessionId, SessionLocation.File(path), expectedETag, actualETag)
    {
    }

    /// <summary>Creates the exception for a revision that changed.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="location">Where the session lives: its file, or its table.</param>
    /// <param name="expectedETag">The revision the caller expected; <see langword="null"/> for "absent".</param>
    /// <param name="actualETag">The revision found; <see langword="null"/> when the session is absent.</param>
    public SessionConflictException(string sessionId, SessionLocation location, string? expectedETag, string? actualETag)
        : base($"Session '{sessionId}' {location?.Phrase} changed: expected {Describe(expectedETag)}, found {Describe(actualETag)}. Nothing was written.")
    {
        ArgumentNullException.ThrowIfNull(location);
        SessionId = sessionId;
        Location = location;
        ExpectedETag = expectedETag;
        ActualETag = actualETag;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>Where the session lives: its file, or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>The full path of the session's file; for PostgreSQL, <c>postgres:&lt;table&gt;/&lt;id&gt;</c>.</summary>
    public string Path => Location.PathOf(SessionId);

    /// <summary>The revision the caller expected; <see langword="null"/> when it expected no session.</summary>
    public string? ExpectedETag { get; }

    /// <summary>The revision found; <see langword="null"/> when there is no session.</summary>
    public string? ActualETag { get; }

    SessionLocation? ISessionError.Location => Location;

    private static string Describe(string? etag) => etag is null ? "no session" : "revision " + etag;
}

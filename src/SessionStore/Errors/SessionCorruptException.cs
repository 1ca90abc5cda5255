namespace SessionStore;

/// <summary>
/// Thrown when a session's file (or row) does not hold a valid session: empty, not JSON, truncated, of
/// the wrong shape, with an id that differs from its name, too large, or not a file at all.
/// It is left exactly as it was.
/// </summary>
public sealed class SessionCorruptException : IOException, ISessionError
{
    /// <summary>Creates the exception for a session file that does not hold a valid session.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="reason">What is wrong with the file.</param>
    /// <param name="innerException">The parse error, if there was one.</param>
    public SessionCorruptException(string sessionId, string path, string reason, Exception? innerException = null)
        : this(sessionId, SessionLocation.File(path), reason, innerException)
    {
    }

    /// <summary>Creates the exception for a stored session that is not valid.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="location">Where it is: its file, or its table.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="innerException">The parse error, if there was one.</param>
    public SessionCorruptException(string sessionId, SessionLocation location, string reason, Exception? innerException = null)
        : base($"Session '{sessionId}' {location?.Phrase} is corrupt: {reason}", innerException)
    {
        ArgumentNullException.ThrowIfNull(location);
        SessionId = sessionId;
        Location = location;
        Reason = reason;
    }

    /// <summary>The id of the session whose file is corrupt.</summary>
    public string SessionId { get; }

    /// <summary>Where the corrupt session is: its file, or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>The full path of the corrupt file; for PostgreSQL, <c>postgres:&lt;table&gt;/&lt;id&gt;</c>.</summary>
    public string Path => Location.PathOf(SessionId);

    /// <summary>What is wrong with the file, without the id and path.</summary>
    public string Reason { get; }

    SessionLocation? ISessionError.Location => Location;
}

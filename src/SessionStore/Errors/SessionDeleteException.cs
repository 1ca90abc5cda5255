namespace SessionStore;

/// <summary>
/// Thrown when a session exists but could not be removed (a permission or I/O error, something that is
/// not a file in its place, a database that cannot be reached). The session may still be there: retry
/// or escalate. Distinct from "not found", which <c>Delete</c> reports by returning <see langword="false"/>.
/// </summary>
public sealed class SessionDeleteException : IOException, ISessionError
{
    /// <summary>Creates the exception for a session file that could not be removed.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="innerException">The operating system's error.</param>
    public SessionDeleteException(string sessionId, string path, Exception innerException)
        : this(sessionId, SessionLocation.File(path), innerException)
    {
    }

    /// <summary>Creates the exception for a session that could not be removed.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="location">Where it is: its file, or its table.</param>
    /// <param name="innerException">The operating system's or the database's error.</param>
    public SessionDeleteException(string sessionId, SessionLocation location, Exception innerException)
        : base($"Session '{sessionId}' exists {location?.Phrase} but could not be deleted: {innerException?.Message}", innerException)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(innerException);
        SessionId = sessionId;
        Location = location;
    }

    /// <summary>The id of the session that could not be deleted.</summary>
    public string SessionId { get; }

    /// <summary>Where the session is: its file, or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>The full path of the session's file; for a table, <c>&lt;backend&gt;:&lt;table&gt;/&lt;id&gt;</c> (<c>postgres:…</c> on PostgreSQL).</summary>
    public string Path => Location.PathOf(SessionId);

    SessionLocation? ISessionError.Location => Location;
}

namespace SessionStore;

/// <summary>
/// Thrown when the storage refuses an operation for a reason other than the ones with their own type:
/// the disk is full, the directory cannot be created or written, a file cannot be read, the database
/// cannot be reached. A failed save leaves the previous version of the session intact.
/// </summary>
public sealed class SessionStorageException : IOException, ISessionError
{
    /// <summary>Creates the exception for a failed file system operation on a session.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="operation">What the store was doing, e.g. "saved" or "read".</param>
    /// <param name="innerException">The operating system's error.</param>
    [Obsolete("Pass the operation as a SessionOperation and the place as a SessionLocation.")]
    public SessionStorageException(string sessionId, string path, string operation, Exception innerException)
        : base($"Session '{sessionId}' could not be {operation} at '{path}': {innerException?.Message}", innerException)
    {
        SessionId = sessionId;
        Location = SessionLocation.File(path);
    }

    /// <summary>Creates the exception for a failed operation.</summary>
    /// <param name="sessionId">The id of the session; <see langword="null"/> when the operation concerns the whole store.</param>
    /// <param name="location">Where: the session's file, the store's directory, or its table.</param>
    /// <param name="operation">What the store was doing.</param>
    /// <param name="innerException">The operating system's or the database's error.</param>
    public SessionStorageException(string? sessionId, SessionLocation location, SessionOperation operation, Exception innerException)
        : base(SessionErrors.Describe(sessionId, location, operation, innerException), innerException)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(innerException);
        SessionId = sessionId;
        Location = location;
        Operation = operation;
    }

    /// <summary>The id of the session; <see langword="null"/> when the operation concerned the whole store (a list, a prune).</summary>
    public string? SessionId { get; }

    /// <summary>Where it failed: the session's file, the store's directory, or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>What the store was doing.</summary>
    public SessionOperation Operation { get; }

    /// <summary>The full path of the session's file; for a table, <c>&lt;backend&gt;:&lt;table&gt;/&lt;id&gt;</c> (<c>postgres:…</c> on PostgreSQL).</summary>
    public string Path => Location.PathOf(SessionId);

    SessionLocation? ISessionError.Location => Location;
}

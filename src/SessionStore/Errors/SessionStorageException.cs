namespace SessionStore;

/// <summary>
/// Thrown when the file system refuses an operation on a session for a reason other than the ones
/// with their own type: the disk is full, the directory cannot be created or written, or a file
/// cannot be read. A failed save leaves the previous version of the session intact.
/// </summary>
public sealed class SessionStorageException : IOException
{
    /// <summary>Creates the exception for a failed file system operation on a session.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="operation">What the store was doing, e.g. "saved" or "read".</param>
    /// <param name="innerException">The operating system's error.</param>
    public SessionStorageException(string sessionId, string path, string operation, Exception innerException)
        : base($"Session '{sessionId}' could not be {operation} at '{path}': {innerException.Message}", innerException)
    {
        SessionId = sessionId;
        Path = path;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the session's file.</summary>
    public string Path { get; }
}

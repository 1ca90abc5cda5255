namespace SessionStore;

/// <summary>
/// Thrown when a session's file does not hold a valid session: empty, not JSON, truncated, of the
/// wrong shape, with an id that differs from its file name, too large, or not a file at all.
/// The file is left exactly as it was.
/// </summary>
public sealed class SessionCorruptException : IOException
{
    /// <summary>Creates the exception for a session file that does not hold a valid session.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="reason">What is wrong with the file.</param>
    /// <param name="innerException">The parse error, if there was one.</param>
    public SessionCorruptException(string sessionId, string path, string reason, Exception? innerException = null)
        : base($"Session '{sessionId}' at '{path}' is corrupt: {reason}", innerException)
    {
        SessionId = sessionId;
        Path = path;
        Reason = reason;
    }

    /// <summary>The id of the session whose file is corrupt.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the corrupt file.</summary>
    public string Path { get; }

    /// <summary>What is wrong with the file, without the id and path.</summary>
    public string Reason { get; }
}

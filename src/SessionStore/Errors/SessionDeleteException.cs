namespace SessionStore;

/// <summary>
/// Thrown when a session exists but could not be removed (a permission or I/O error, or something
/// that is not a file in its place). The session may still be there: retry or escalate.
/// Distinct from "not found", which <c>Delete</c> reports by returning <see langword="false"/>.
/// </summary>
public sealed class SessionDeleteException : IOException
{
    /// <summary>Creates the exception for a session file that could not be removed.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="innerException">The operating system's error.</param>
    public SessionDeleteException(string sessionId, string path, Exception innerException)
        : base($"Session '{sessionId}' exists at '{path}' but could not be deleted: {innerException.Message}", innerException)
    {
        SessionId = sessionId;
        Path = path;
    }

    /// <summary>The id of the session that could not be deleted.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the session's file.</summary>
    public string Path { get; }
}

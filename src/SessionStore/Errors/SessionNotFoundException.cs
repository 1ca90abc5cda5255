namespace SessionStore;

/// <summary>
/// Thrown when a session that does not exist is loaded. It is a <see cref="KeyNotFoundException"/>
/// (the reference's <c>KeyError</c>), not a <see cref="FileNotFoundException"/>: where a session lives
/// is the store's business.
/// </summary>
public sealed class SessionNotFoundException : KeyNotFoundException
{
    /// <summary>Creates the exception for a session that is not in a store's directory.</summary>
    /// <param name="sessionId">The id that was asked for.</param>
    /// <param name="directoryPath">The full path of the store's directory.</param>
    public SessionNotFoundException(string sessionId, string directoryPath)
        : base($"Session '{sessionId}' was not found in '{directoryPath}'.")
    {
        SessionId = sessionId;
        DirectoryPath = directoryPath;
    }

    /// <summary>The id of the session that was not found.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the store's directory that was searched.</summary>
    public string DirectoryPath { get; }
}

namespace SessionStore;

/// <summary>
/// Thrown when a session that does not exist is loaded. It is a <see cref="KeyNotFoundException"/>
/// (the reference's <c>KeyError</c>), not a <see cref="FileNotFoundException"/>: where a session lives
/// is the store's business.
/// </summary>
public sealed class SessionNotFoundException : KeyNotFoundException, ISessionError
{
    /// <summary>Creates the exception for a session that is not in a store's directory.</summary>
    /// <param name="sessionId">The id that was asked for.</param>
    /// <param name="directoryPath">The full path of the store's directory.</param>
    public SessionNotFoundException(string sessionId, string directoryPath)
        : this(sessionId, SessionLocation.Directory(directoryPath))
    {
    }

    /// <summary>Creates the exception for a session that is not in a store.</summary>
    /// <param name="sessionId">The id that was asked for.</param>
    /// <param name="location">Where it was looked for: the store's directory, or its table.</param>
    public SessionNotFoundException(string sessionId, SessionLocation location)
        : base($"Session '{sessionId}' was not found {location?.Phrase}.")
    {
        ArgumentNullException.ThrowIfNull(location);
        SessionId = sessionId;
        Location = location;
    }

    /// <summary>The id of the session that was not found.</summary>
    public string SessionId { get; }

    /// <summary>Where it was looked for: the store's directory (or its trash), or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>The full path of the store's directory that was searched; for PostgreSQL, the table's name (<see cref="Location"/> says which).</summary>
    public string DirectoryPath => Location.Name;

    SessionLocation? ISessionError.Location => Location;
}

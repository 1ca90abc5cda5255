namespace SessionStore;

/// <summary>
/// Thrown when a session was written with a newer schema version than the store knows: it is
/// neither loaded nor overwritten, so a newer release's data is never lost to an older one.
/// </summary>
public sealed class SessionSchemaVersionException : IOException, ISessionError
{
    /// <summary>Creates the exception for a file of a newer schema version.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="fileVersion">The version the file carries.</param>
    /// <param name="supportedVersion">The newest version the store knows.</param>
    public SessionSchemaVersionException(string sessionId, string path, int fileVersion, int supportedVersion)
        : this(sessionId, SessionLocation.File(path), fileVersion, supportedVersion)
    {
    }

    /// <summary>Creates the exception for a stored session of a newer schema version.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="location">Where the session lives: its file, or its table.</param>
    /// <param name="fileVersion">The version the stored session carries.</param>
    /// <param name="supportedVersion">The newest version the store knows.</param>
    public SessionSchemaVersionException(string sessionId, SessionLocation location, int fileVersion, int supportedVersion)
        : base($"Session '{sessionId}' {location?.Phrase} has schema version {fileVersion}, newer than the {supportedVersion} this store knows; it is left untouched.")
    {
        ArgumentNullException.ThrowIfNull(location);
        SessionId = sessionId;
        Location = location;
        FileVersion = fileVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>Where the session lives: its file, or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>The full path of the session's file; for a table, <c>&lt;backend&gt;:&lt;table&gt;/&lt;id&gt;</c> (<c>postgres:…</c> on PostgreSQL).</summary>
    public string Path => Location.PathOf(SessionId);

    /// <summary>The schema version the file carries.</summary>
    public int FileVersion { get; }

    /// <summary>The newest schema version the store knows.</summary>
    public int SupportedVersion { get; }

    SessionLocation? ISessionError.Location => Location;
}

namespace SessionStore;

/// <summary>
/// Thrown when a session's file was written with a newer schema version than the store knows: it is
/// neither loaded nor overwritten, so a newer release's data is never lost to an older one.
/// </summary>
public sealed class SessionSchemaVersionException : IOException
{
    /// <summary>Creates the exception for a file of a newer schema version.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="path">The full path of the session's file.</param>
    /// <param name="fileVersion">The version the file carries.</param>
    /// <param name="supportedVersion">The newest version the store knows.</param>
    public SessionSchemaVersionException(string sessionId, string path, int fileVersion, int supportedVersion)
        : base($"Session '{sessionId}' at '{path}' has schema version {fileVersion}, newer than the {supportedVersion} this store knows; it is left untouched.")
    {
        SessionId = sessionId;
        Path = path;
        FileVersion = fileVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the session's file.</summary>
    public string Path { get; }

    /// <summary>The schema version the file carries.</summary>
    public int FileVersion { get; }

    /// <summary>The newest schema version the store knows.</summary>
    public int SupportedVersion { get; }
}

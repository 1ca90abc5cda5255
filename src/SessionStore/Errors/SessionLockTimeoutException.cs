namespace SessionStore;

/// <summary>
/// Thrown when a session's lock (held by another thread, process or machine during an update,
/// conditional save or delete) was not free within the store's lock timeout. Nothing was changed.
/// </summary>
public sealed class SessionLockTimeoutException : IOException, ISessionError
{
    /// <summary>Creates the exception for a lock that stayed taken.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="lockPath">The full path of the lock file.</param>
    /// <param name="timeout">How long the store waited.</param>
    public SessionLockTimeoutException(string sessionId, string lockPath, TimeSpan timeout)
        : this(sessionId, SessionLocation.File(lockPath), lockPath, SessionOperation.Unspecified, timeout)
    {
    }

    /// <summary>Creates the exception for a lock that stayed taken.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="location">Where the session lives: its file, or its table.</param>
    /// <param name="lockPath">The lock: a lock file's full path, or a PostgreSQL advisory lock's description.</param>
    /// <param name="operation">What the store was about to do.</param>
    /// <param name="timeout">How long the store waited.</param>
    public SessionLockTimeoutException(string sessionId, SessionLocation location, string lockPath, SessionOperation operation, TimeSpan timeout)
        : base($"Session '{sessionId}' stayed locked for {timeout.TotalSeconds:0.###} s (lock '{lockPath}'); nothing was changed.")
    {
        ArgumentNullException.ThrowIfNull(location);
        SessionId = sessionId;
        Location = location;
        LockPath = lockPath;
        Operation = operation;
        Timeout = timeout;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>Where the session lives: its file, or its table.</summary>
    public SessionLocation Location { get; }

    /// <summary>The lock: the full path of the lock file, or the PostgreSQL advisory lock.</summary>
    public string LockPath { get; }

    /// <summary>What the store was about to do.</summary>
    public SessionOperation Operation { get; }

    /// <summary>How long the store waited.</summary>
    public TimeSpan Timeout { get; }

    SessionLocation? ISessionError.Location => Location;
}

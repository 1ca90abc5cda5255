namespace SessionStore;

/// <summary>
/// Thrown when a session's lock (held by another thread or process during an update, conditional save
/// or delete) was not free within <see cref="FileSessionStoreOptions.LockTimeout"/>. Nothing was changed.
/// </summary>
public sealed class SessionLockTimeoutException : IOException
{
    /// <summary>Creates the exception for a lock that stayed taken.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="lockPath">The full path of the lock file.</param>
    /// <param name="timeout">How long the store waited.</param>
    public SessionLockTimeoutException(string sessionId, string lockPath, TimeSpan timeout)
        : base($"Session '{sessionId}' stayed locked for {timeout.TotalSeconds:0.###} s (lock file '{lockPath}'); nothing was changed.")
    {
        SessionId = sessionId;
        LockPath = lockPath;
        Timeout = timeout;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>The full path of the lock file.</summary>
    public string LockPath { get; }

    /// <summary>How long the store waited.</summary>
    public TimeSpan Timeout { get; }
}

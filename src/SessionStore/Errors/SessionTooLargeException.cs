namespace SessionStore;

/// <summary>
/// Thrown when a save or an append would make a session larger than the store's limit
/// (<see cref="FileSessionStoreOptions.MaxSessionBytes"/>). Nothing was written: what is stored stays
/// loadable, which a session over the limit would not be.
/// </summary>
public sealed class SessionTooLargeException : ArgumentException, ISessionError
{
    /// <summary>Creates the exception for a session that would exceed the size limit.</summary>
    /// <param name="sessionId">The id of the session.</param>
    /// <param name="sizeBytes">The size the session would have, in bytes.</param>
    /// <param name="maxSessionBytes">The store's limit, in bytes.</param>
    public SessionTooLargeException(string sessionId, long sizeBytes, long maxSessionBytes)
        : base($"Session '{sessionId}' would be {sizeBytes} bytes, more than the store's limit of {maxSessionBytes} bytes (MaxSessionBytes); nothing was written.", "session")
    {
        SessionId = sessionId;
        SizeBytes = sizeBytes;
        MaxSessionBytes = maxSessionBytes;
    }

    /// <summary>The id of the session.</summary>
    public string SessionId { get; }

    /// <summary>Always <see langword="null"/>: the session is refused before the store writes anything.</summary>
    SessionLocation? ISessionError.Location => null;

    /// <summary>The size the session would have had, in bytes.</summary>
    public long SizeBytes { get; }

    /// <summary>The store's limit, in bytes.</summary>
    public long MaxSessionBytes { get; }
}

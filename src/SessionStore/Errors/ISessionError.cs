namespace SessionStore;

/// <summary>
/// What every exception a store throws says, whichever backend threw it and whatever its base type
/// (<see cref="SessionNotFoundException"/> stays a <see cref="KeyNotFoundException"/>,
/// <see cref="InvalidSessionIdException"/> an <see cref="ArgumentException"/>, the others
/// <see cref="IOException"/>s): which session, and where it lives.
/// </summary>
public interface ISessionError
{
    /// <summary>The session concerned; <see langword="null"/> when the failure concerns the whole store (listing it, pruning it) or no id was given.</summary>
    string? SessionId { get; }

    /// <summary>
    /// Where the session lives: a file or directory for the directory store, a table for PostgreSQL;
    /// <see langword="null"/> when the store refused the call before touching anything (an invalid id, a session over the size limit).
    /// </summary>
    SessionLocation? Location { get; }
}

namespace SessionStore;

/// <summary>
/// What a store of reference-format <see cref="StoredSession"/>s offers beyond <see cref="ISessionStore{TSession}"/>,
/// on every backend (<see cref="FileSessionStore"/>, and <c>PostgresStoredSessionStore</c> in SessionStore.Postgres):
/// copies under a new id, and summaries.
/// </summary>
public interface IStoredSessionStore : ISessionStore<StoredSession>
{
    /// <summary>
    /// Copies a session to a new id, atomically: the copy appears complete or not at all, and an existing
    /// session is never overwritten.
    /// </summary>
    /// <param name="sourceId">The session to copy.</param>
    /// <param name="newId">The id of the copy.</param>
    /// <returns>Where the copy lives: a file path, or a table and id.</returns>
    /// <exception cref="InvalidSessionIdException">An id is not valid.</exception>
    /// <exception cref="SessionNotFoundException">There is no session <paramref name="sourceId"/>.</exception>
    /// <exception cref="SessionConflictException">A session <paramref name="newId"/> exists already.</exception>
    string Fork(string sourceId, string newId);

    /// <inheritdoc cref="Fork(string, string)"/>
    /// <param name="sourceId">The session to copy.</param>
    /// <param name="newId">The id of the copy.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the write before the copy appears.</param>
    ValueTask<string> ForkAsync(string sourceId, string newId, CancellationToken cancellationToken = default);

    /// <summary>A session's id, message and token counts, stored size and last write time.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    /// <exception cref="SessionCorruptException">What is stored is not a valid session.</exception>
    SessionSummary Summarize(string id);

    /// <inheritdoc cref="Summarize(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<SessionSummary> SummarizeAsync(string id, CancellationToken cancellationToken = default);
}

namespace SessionStore;

/// <summary>
/// Retention that nobody regrets, kept by every backend beside <see cref="ISessionStore{TSession}"/>:
/// pruning moves sessions into a trash instead of deleting them; the trash is never listed with the
/// sessions, keeps each entry until it is emptied, and gives it back on request; pinned sessions are never pruned.
/// </summary>
/// <remarks>
/// Restoring never overwrites: when a session with the id exists again, <see cref="Restore"/> throws
/// <see cref="SessionConflictException"/> and the trash entry stays. A pin belongs to the id, not to one
/// version of the session: it survives trash and restore, and is stored with the sessions (a copy of the
/// store, or of its tables, keeps it).
/// </remarks>
public interface ISessionRetention
{
    /// <summary>Moves a session into the trash, atomically: it is listed in the trash or among the sessions, never both, never neither.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> if this call moved it; <see langword="false"/> if there was no such session.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionStorageException">The session could not be moved; it is where it was.</exception>
    bool MoveToTrash(string id);

    /// <inheritdoc cref="MoveToTrash(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    ValueTask<bool> MoveToTrashAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The entries of the trash, ordinal-sorted by id, the most recently trashed first for one id.</summary>
    /// <returns>The entries; empty when the trash is.</returns>
    IReadOnlyList<TrashedSession> ListTrash();

    /// <inheritdoc cref="ListTrash()"/>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<TrashedSession>> ListTrashAsync(CancellationToken cancellationToken = default);

    /// <summary>Moves the most recently trashed entry of <paramref name="id"/> back among the sessions, as it was when trashed.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>Where the session lives again.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">The trash holds no session with this id.</exception>
    /// <exception cref="SessionConflictException">A session with this id exists; nothing was changed (restore never overwrites).</exception>
    string Restore(string id);

    /// <inheritdoc cref="Restore(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it takes effect.</param>
    ValueTask<string> RestoreAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes trash entries for good: all of them, or those trashed before <paramref name="trashedBefore"/>.</summary>
    /// <param name="trashedBefore">Only entries trashed before this instant go; <see langword="null"/>: every entry.</param>
    /// <param name="dryRun">Only report what would go.</param>
    /// <returns>The entries deleted (or that would be).</returns>
    IReadOnlyList<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore = null, bool dryRun = false);

    /// <inheritdoc cref="EmptyTrash(DateTimeOffset?, bool)"/>
    /// <param name="trashedBefore">Only entries trashed before this instant go; <see langword="null"/>: every entry.</param>
    /// <param name="dryRun">Only report what would go.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashAsync(DateTimeOffset? trashedBefore = null, bool dryRun = false, CancellationToken cancellationToken = default);

    /// <summary>Pins a session: <see cref="Prune"/> never moves it.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> if this call pinned it; <see langword="false"/> if it was pinned already.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    bool Pin(string id);

    /// <inheritdoc cref="Pin(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> PinAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Removes a pin.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> if this call unpinned it; <see langword="false"/> if it was not pinned.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    bool Unpin(string id);

    /// <inheritdoc cref="Unpin(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> UnpinAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The pinned ids, ordinal-sorted (a pin outlives its session: an id may be pinned with no session).</summary>
    /// <returns>The pinned ids.</returns>
    IReadOnlyList<string> ListPinned();

    /// <inheritdoc cref="ListPinned()"/>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<string>> ListPinnedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves into the trash every session last written before <paramref name="cutoff"/> that is not pinned.
    /// A session written again meanwhile stays.
    /// </summary>
    /// <param name="cutoff">Sessions last written before this instant go.</param>
    /// <param name="dryRun">Only report what would move; nothing is written.</param>
    /// <returns>What moved (or would), and the old sessions kept because they are pinned.</returns>
    PruneResult Prune(DateTimeOffset cutoff, bool dryRun = false);

    /// <inheritdoc cref="Prune(DateTimeOffset, bool)"/>
    /// <param name="cutoff">Sessions last written before this instant go.</param>
    /// <param name="dryRun">Only report what would move; nothing is written.</param>
    /// <param name="cancellationToken">Cancels the call between sessions.</param>
    ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default);
}

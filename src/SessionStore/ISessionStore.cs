using System.Diagnostics.CodeAnalysis;

namespace SessionStore;

/// <summary>
/// The contract every session store keeps, whatever holds the sessions (a directory, PostgreSQL):
/// ids validated before any I/O, typed errors, a delete that says whether this call deleted, updates
/// that cannot be lost, and optimistic concurrency through revisions.
/// </summary>
/// <typeparam name="TSession">The session type.</typeparam>
public interface ISessionStore<TSession>
    where TSession : class
{
    /// <summary>Saves a session, replacing any earlier version atomically (last writer wins).</summary>
    /// <param name="session">The session to save.</param>
    /// <returns>Where the session now lives: a file path, or a table and id.</returns>
    string Save(TSession session);

    /// <inheritdoc cref="Save(TSession)"/>
    /// <param name="session">The session to save.</param>
    /// <param name="cancellationToken">Cancels the save before it takes effect.</param>
    ValueTask<string> SaveAsync(TSession session, CancellationToken cancellationToken = default);

    /// <summary>Loads a session; <see cref="SessionNotFoundException"/> when absent, <see cref="SessionCorruptException"/> when it is not a valid session.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The session.</returns>
    TSession Load(string id);

    /// <inheritdoc cref="Load(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<TSession> LoadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Loads a session if it exists; still throws when it is corrupt.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="session">The session, or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> when absent.</returns>
    bool TryLoad(string id, [NotNullWhen(true)] out TSession? session);

    /// <summary>Loads a session if it exists; still throws when it is corrupt.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The session, or <see langword="null"/> when absent.</returns>
    ValueTask<TSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The ids of the stored sessions, ordinal-sorted.</summary>
    /// <returns>The ids.</returns>
    IReadOnlyList<string> List();

    /// <inheritdoc cref="List()"/>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a session with this id is stored.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    bool Exists(string id);

    /// <inheritdoc cref="Exists(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a session: <see langword="true"/> if this call removed it, <see langword="false"/> if it was absent or another caller removed it first.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>Whether this call removed it.</returns>
    bool Delete(string id);

    /// <inheritdoc cref="Delete(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Reads, changes and saves a session under a lock that excludes every other writer of it.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="change">Gets the stored session (or <see langword="null"/>) and returns the new one, with the same id.</param>
    /// <returns>The saved session.</returns>
    TSession Update(string id, Func<TSession?, TSession> change);

    /// <inheritdoc cref="Update(string, Func{TSession, TSession})"/>
    /// <param name="id">The session's id.</param>
    /// <param name="change">Gets the stored session (or <see langword="null"/>) and returns the new one.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock or the work.</param>
    ValueTask<TSession> UpdateAsync(string id, Func<TSession?, TSession> change, CancellationToken cancellationToken = default);

    /// <summary>Loads a session with its revision, for <see cref="SaveIfMatch"/>.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The session and its revision.</returns>
    SessionRevision<TSession> LoadRevision(string id);

    /// <inheritdoc cref="LoadRevision(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<SessionRevision<TSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Saves only if the stored session is still at <paramref name="expectedETag"/> (<see langword="null"/>: only if absent); else <see cref="SessionConflictException"/>.</summary>
    /// <param name="session">The session to save.</param>
    /// <param name="expectedETag">The revision read earlier, or <see langword="null"/>.</param>
    /// <returns>The new revision.</returns>
    string SaveIfMatch(TSession session, string? expectedETag);

    /// <inheritdoc cref="SaveIfMatch(TSession, string)"/>
    /// <param name="session">The session to save.</param>
    /// <param name="expectedETag">The revision read earlier, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock or the write.</param>
    ValueTask<string> SaveIfMatchAsync(TSession session, string? expectedETag, CancellationToken cancellationToken = default);
}

using SessionStore.Buffers;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>Updates that cannot be lost, and optimistic concurrency for sessions held across a long operation.</summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>
    /// Reads a session, applies <paramref name="change"/> and saves the result, holding the session's
    /// lock throughout, so concurrent updates from any thread or process never lose each other's work.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="change">
    /// Gets the stored session (<see langword="null"/> when there is none) and returns the new one, with
    /// the same id. It may run while other writers of the session wait: keep it short.
    /// </param>
    /// <returns>The saved session.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="ArgumentException">The new session is invalid, too large or has another id; nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored file is corrupt; <paramref name="change"/> was not called.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the read or the write; the stored session is intact.</exception>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory; nothing was written.</exception>
    public TSession Update(string id, Func<TSession?, TSession> change) =>
        Completed.Result(UpdateCore(id, change, async: false, CancellationToken.None));

    /// <inheritdoc cref="Update(string, Func{TSession, TSession})"/>
    /// <param name="id">The session's id.</param>
    /// <param name="change">Gets the stored session (or <see langword="null"/>) and returns the new one.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the write before it replaces the file.</param>
    public ValueTask<TSession> UpdateAsync(string id, Func<TSession?, TSession> change, CancellationToken cancellationToken = default) =>
        UpdateCore(id, change, async: true, cancellationToken);

    /// <summary>Loads a session with its revision, for a later <see cref="SaveIfMatch"/>.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The session and the revision of its file.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public SessionRevision<TSession> LoadRevision(string id)
    {
        (TSession? session, string? etag) = ReadSession(id, withETag: true);
        return session is null ? throw new SessionNotFoundException(id, DirectoryPath) : new SessionRevision<TSession>(session, etag!);
    }

    /// <inheritdoc cref="LoadRevision(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: reading a local file has no asynchronous system call worth a thread switch.</remarks>
    public ValueTask<SessionRevision<TSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(LoadRevision(id));
    }

    /// <summary>
    /// Saves a session only if the stored one is still at <paramref name="expectedETag"/>; the check and
    /// the write happen under the session's lock. Plain <c>Save</c> stays last-writer-wins.
    /// </summary>
    /// <param name="session">The session to save.</param>
    /// <param name="expectedETag">The revision read by <see cref="LoadRevision"/>, or <see langword="null"/> to save only if no session has this id yet.</param>
    /// <returns>The new revision.</returns>
    /// <exception cref="SessionConflictException">The stored session changed (or appeared, or was deleted); nothing was written.</exception>
    /// <exception cref="InvalidSessionIdException">The session's id is not valid.</exception>
    /// <exception cref="ArgumentException">The session is not valid or too large.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; the stored session is intact.</exception>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory; nothing was written.</exception>
    public string SaveIfMatch(TSession session, string? expectedETag) =>
        Completed.Result(SaveCore(session, conditional: true, expectedETag, async: false, CancellationToken.None));

    /// <inheritdoc cref="SaveIfMatch(TSession, string)"/>
    /// <param name="session">The session to save.</param>
    /// <param name="expectedETag">The revision read by <see cref="LoadRevision"/>, or <see langword="null"/> to save only if no session has this id yet.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the write before it replaces the file.</param>
    public ValueTask<string> SaveIfMatchAsync(TSession session, string? expectedETag, CancellationToken cancellationToken = default) =>
        SaveCore(session, conditional: true, expectedETag, async: true, cancellationToken);

    private async ValueTask<TSession> UpdateUntracedCore(string id, Func<TSession?, TSession> change, bool async, CancellationToken cancellationToken)
    {
        _ = SessionPathOf(id);
        ArgumentNullException.ThrowIfNull(change);
        using StripeLock held = await LockCore(id, SessionOperation.Update, async, cancellationToken).ConfigureAwait(false);
        TSession? current = ReadSession(id, withETag: false).Session;
        TSession next = change(current) ?? throw new InvalidOperationException($"The change for session '{id}' returned null.");
        string nextId = _sessionIdOf(next);
        if (!string.Equals(nextId, id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The change for session '{id}' returned a session with id '{nextId}'.", nameof(change));
        }

        using PooledBytes content = PrepareSave(next, out _);
        cancellationToken.ThrowIfCancellationRequested();
        WriteLocked(id, content);
        return next;
    }
}

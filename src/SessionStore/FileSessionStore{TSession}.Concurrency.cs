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
    /// the same id. It may run while other updates of the session wait: keep it short.
    /// </param>
    /// <returns>The saved session.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="ArgumentException">The new session is invalid or has another id; nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored file is corrupt; <paramref name="change"/> was not called.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the read or the write; the stored session is intact.</exception>
    public TSession Update(string id, Func<TSession?, TSession> change)
    {
        string path = PathOf(id);
        ArgumentNullException.ThrowIfNull(change);
        EnsureLockDirectory(id, path);
        using SessionLock held = Lock(id, CancellationToken.None);
        _ = TryLoad(id, out TSession? current);
        TSession next = Changed(id, current, change);
        Save(next);
        return next;
    }

    /// <inheritdoc cref="Update(string, Func{TSession, TSession})"/>
    /// <param name="id">The session's id.</param>
    /// <param name="change">Gets the stored session (or <see langword="null"/>) and returns the new one.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, the read, or the write before it replaces the file.</param>
    public async ValueTask<TSession> UpdateAsync(string id, Func<TSession?, TSession> change, CancellationToken cancellationToken = default)
    {
        string path = PathOf(id);
        ArgumentNullException.ThrowIfNull(change);
        EnsureLockDirectory(id, path);
        using SessionLock held = await LockAsync(id, cancellationToken).ConfigureAwait(false);
        TSession? current = await TryLoadAsync(id, cancellationToken).ConfigureAwait(false);
        TSession next = Changed(id, current, change);
        await SaveAsync(next, cancellationToken).ConfigureAwait(false);
        return next;
    }

    /// <summary>Loads a session with its revision, for a later <see cref="SaveIfMatch"/>.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The session and the revision of its file.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public SessionRevision<TSession> LoadRevision(string id)
    {
        string path = PathOf(id);
        return ReadRevision(id, path) ?? throw new SessionNotFoundException(id, DirectoryPath);
    }

    /// <summary>
    /// Saves a session only if the stored one is still at <paramref name="expectedETag"/>; the check and
    /// the write happen under the session's lock. Plain <c>Save</c> stays last-writer-wins and lock-free.
    /// </summary>
    /// <param name="session">The session to save.</param>
    /// <param name="expectedETag">The revision read by <see cref="LoadRevision"/>, or <see langword="null"/> to save only if no session has this id yet.</param>
    /// <returns>The new revision.</returns>
    /// <exception cref="SessionConflictException">The stored session changed (or appeared, or was deleted); nothing was written.</exception>
    /// <exception cref="InvalidSessionIdException">The session's id is not valid.</exception>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; the stored session is intact.</exception>
    public string SaveIfMatch(TSession session, string? expectedETag)
    {
        using PooledBytes content = PrepareSave(session, out string id, out string path);
        EnsureLockDirectory(id, path);
        using SessionLock held = Lock(id, CancellationToken.None);
        string? actual = ReadRevision(id, path)?.ETag;
        if (!string.Equals(actual, expectedETag, StringComparison.Ordinal))
        {
            throw new SessionConflictException(id, path, expectedETag, actual);
        }

        Write(id, path, content);
        return ContentETag.Of(content.Span);
    }

    /// <inheritdoc cref="LoadRevision(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<SessionRevision<TSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default)
    {
        (TSession? session, string? etag) = await ReadSessionAsync(id, PathOf(id), cancellationToken, withETag: true).ConfigureAwait(false);
        return session is null ? throw new SessionNotFoundException(id, DirectoryPath) : new SessionRevision<TSession>(session, etag!);
    }

    /// <inheritdoc cref="SaveIfMatch(TSession, string)"/>
    /// <param name="session">The session to save.</param>
    /// <param name="expectedETag">The revision read by <see cref="LoadRevision"/>, or <see langword="null"/> to save only if no session has this id yet.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the write before it replaces the file.</param>
    public async ValueTask<string> SaveIfMatchAsync(TSession session, string? expectedETag, CancellationToken cancellationToken = default)
    {
        using PooledBytes content = PrepareSave(session, out string id, out string path);
        EnsureLockDirectory(id, path);
        using SessionLock held = await LockAsync(id, cancellationToken).ConfigureAwait(false);
        string? actual = ReadRevision(id, path)?.ETag;
        if (!string.Equals(actual, expectedETag, StringComparison.Ordinal))
        {
            throw new SessionConflictException(id, path, expectedETag, actual);
        }

        await WriteAsync(id, path, content, cancellationToken).ConfigureAwait(false);
        return ContentETag.Of(content.Span);
    }

    private SessionRevision<TSession>? ReadRevision(string id, string path)
    {
        (TSession? session, string? etag) = ReadSession(id, path, withETag: true);
        return session is null ? null : new SessionRevision<TSession>(session, etag!);
    }

    private TSession Changed(string id, TSession? current, Func<TSession?, TSession> change)
    {
        TSession next = change(current) ?? throw new InvalidOperationException($"The change for session '{id}' returned null.");
        string nextId = _sessionIdOf(next);
        if (!string.Equals(nextId, id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The change for session '{id}' returned a session with id '{nextId}'.", nameof(change));
        }

        return next;
    }

    private protected void EnsureLockDirectory(string id, string path)
    {
        try
        {
            StoreDirectory.Ensure(DirectoryPath, _options.Durable);
            StoreDirectory.Ensure(SessionFileLayout.LockDirectory(DirectoryPath), durable: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "locked", ex);
        }
    }

    private protected SessionLock Lock(string id, CancellationToken cancellationToken)
    {
        string lockPath = SessionFileLayout.LockPath(DirectoryPath, id);
        if (!Directory.Exists(Path.GetDirectoryName(lockPath)))
        {
            EnsureLockDirectory(id, SessionFileLayout.SessionPath(DirectoryPath, id));
        }

        return SessionLock.TryAcquire(lockPath, _options.LockTimeout, cancellationToken)
            ?? throw new SessionLockTimeoutException(id, lockPath, _options.LockTimeout);
    }

    private async ValueTask<SessionLock> LockAsync(string id, CancellationToken cancellationToken)
    {
        string lockPath = SessionFileLayout.LockPath(DirectoryPath, id);
        return await SessionLock.TryAcquireAsync(lockPath, _options.LockTimeout, cancellationToken).ConfigureAwait(false)
            ?? throw new SessionLockTimeoutException(id, lockPath, _options.LockTimeout);
    }
}

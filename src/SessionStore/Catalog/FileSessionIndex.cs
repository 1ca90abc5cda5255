namespace SessionStore;

/// <summary>
/// The index of a directory store: a cache of its sessions' metadata and text that answers the store's
/// <see cref="ISessionCatalog"/> members. The store calls <see cref="OnChanged"/> under the session's lock after every
/// write it makes; whatever else changes the directory (another process, another tool) the index must detect itself,
/// through the store's <see cref="FileSessionIndexHost"/>.
/// </summary>
/// <remarks>
/// A write never fails because of its index: when <see cref="OnChanged"/> throws, the store logs it and the write
/// stands. An index must therefore never trust itself past a write it did not record; comparing the directory's stamp
/// (<see cref="FileSessionChange.DirectoryBefore"/>) is the cheap way.
/// </remarks>
public abstract class FileSessionIndex : ISessionCatalog, IDisposable
{
    /// <summary>Records one write of the store; called under the session's lock, after the write is in the file.</summary>
    /// <param name="change">The write.</param>
    public abstract void OnChanged(FileSessionChange change);

    /// <inheritdoc/>
    public abstract SessionMetadata? GetMetadata(string id);

    /// <inheritdoc/>
    public abstract ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract SessionMetadata UpdateMetadata(string id, SessionMetadataChange change);

    /// <inheritdoc/>
    public abstract ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract SessionQueryPage Query(SessionQuery query);

    /// <inheritdoc/>
    public abstract ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract SessionSearchPage Search(string text, SessionQuery? query = null);

    /// <inheritdoc/>
    public abstract ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default);

    /// <inheritdoc/>
    public abstract int Rebuild(IProgress<int>? progress = null);

    /// <inheritdoc/>
    public abstract ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Releases the index's resources.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the index's resources.</summary>
    /// <param name="disposing">Whether <see cref="Dispose()"/> is the caller.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}

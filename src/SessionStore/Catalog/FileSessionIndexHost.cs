using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// A directory store's side of its index (<see cref="FileSessionIndexProvider.Open"/>): the directory, its sessions'
/// files and stamps read the store's way (no link followed, torn appends completed in memory), the caller-metadata
/// files that keep what a caller set when an index is rebuilt, private hidden directories, and the sessions' locks.
/// </summary>
public sealed class FileSessionIndexHost
{
    private readonly IIndexedStore _store;

    internal FileSessionIndexHost(IIndexedStore store) => _store = store;

    /// <summary>The full path of the store's directory.</summary>
    public string DirectoryPath => _store.DirectoryPath;

    /// <summary>Whether the store's writes are durable (<see cref="FileSessionStoreOptions.Durable"/>); an index follows.</summary>
    public bool Durable => _store.Durable;

    /// <summary>The JSON name of the sessions' growing list (<c>messages</c> unless the session type declares another).</summary>
    public string ItemsProperty => _store.ItemsProperty;

    /// <summary>The store's clock (<see cref="FileSessionStoreOptions.TimeProvider"/>).</summary>
    public TimeProvider TimeProvider => _store.TimeProvider;

    /// <summary>The stamp of the store's directory (one <c>statx</c>), or <see langword="null"/> when it does not exist.</summary>
    /// <returns>The stamp.</returns>
    /// <exception cref="SessionStorageException">The directory could not be read.</exception>
    public FileSessionStamp? StatDirectory() => _store.StatDirectory();

    /// <summary>Every session's file and its stamp: one read of the directory and one <c>statx</c> per file; links, temp files and other names are left out.</summary>
    /// <returns>The sessions, in no particular order; empty when the directory does not exist.</returns>
    /// <exception cref="SessionStorageException">The directory could not be read.</exception>
    public IReadOnlyList<FileSessionEntry> ScanSessions() => _store.ScanSessions();

    /// <summary>The stamp of one session's file, or <see langword="null"/> when it has none (or something that is not a file is there).</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The stamp.</returns>
    public FileSessionStamp? StatSession(string id) => _store.StatSession(id);

    /// <summary>Reads a session's file the store's way.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="stamp">The stamp of the version read.</param>
    /// <returns>The file's bytes, or <see langword="null"/> when there is no session or the file is not a valid session.</returns>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public byte[]? ReadSession(string id, out FileSessionStamp stamp) => _store.ReadSessionForIndex(id, out stamp);

    /// <summary>Opens (creating it 0700 when needed) a hidden directory of the store, such as <c>.index</c>; a link or a file in its place is refused, never followed.</summary>
    /// <param name="name">The directory's name: a dot and lower-case letters.</param>
    /// <returns>Its full path.</returns>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the store's directory.</exception>
    /// <exception cref="SessionStorageException">A link or a file is in its place, or it could not be created.</exception>
    public string EnsurePrivateDirectory(string name) => _store.EnsurePrivateDirectory(name);

    /// <summary>The stamp of a file in one of the store's private directories (a link is not followed), or <see langword="null"/> when there is none.</summary>
    /// <param name="name">The private directory's name (<see cref="EnsurePrivateDirectory"/>).</param>
    /// <param name="fileName">The file's name in it.</param>
    /// <returns>The stamp; its inode tells a file replaced or removed and created again.</returns>
    public FileSessionStamp? StatPrivateFile(string name, string fileName) => _store.StatPrivateFile(name, fileName);

    /// <summary>The caller-metadata file of a session (in <c>.meta</c>), or <see langword="null"/> when it has none.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>Its bytes.</returns>
    /// <exception cref="SessionStorageException">It could not be read.</exception>
    public byte[]? ReadMetadataFile(string id) => _store.ReadMetadataFile(id);

    /// <summary>Replaces a session's caller-metadata file atomically (durably when the store is); call holding <see cref="LockSession"/>.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="content">The new content; empty removes the file.</param>
    /// <exception cref="SessionStorageException">It could not be written.</exception>
    public void WriteMetadataFile(string id, ReadOnlySpan<byte> content) => _store.WriteMetadataFile(id, content);

    /// <summary>The ids that have a caller-metadata file.</summary>
    /// <returns>The ids, ordinal-sorted.</returns>
    /// <exception cref="SessionStorageException"><c>.meta</c> could not be read.</exception>
    public IReadOnlyList<string> ListMetadataFiles() => _store.ListMetadataFiles();

    /// <summary>Takes the session's write lock, the one every writer of the store holds (and completes an append a crash interrupted).</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The lock; dispose it to release it.</returns>
    /// <exception cref="SessionLockTimeoutException">Another writer held it for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    public IDisposable LockSession(string id) => Completed.Result(_store.LockForIndexCore(id, async: false, CancellationToken.None));

    /// <inheritdoc cref="LockSession"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public ValueTask<IDisposable> LockSessionAsync(string id, CancellationToken cancellationToken = default) =>
        _store.LockForIndexCore(id, async: true, cancellationToken);
}

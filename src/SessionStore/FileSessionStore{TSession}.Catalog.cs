using System.IO.Enumeration;
using SessionStore.Interop;
using SessionStore.Serialization;
using SessionStore.Storage;
using SessionStore.Storage.Platform;
using SessionStore.Telemetry;

namespace SessionStore;

/// <summary>
/// The catalog of a directory store: every <see cref="ISessionCatalog"/> member delegates to the index set in
/// <see cref="FileSessionStoreOptions.Index"/> (opened on first use), and every write tells it what changed, under the
/// session's lock, after the file is written. Without an index the members throw <see cref="SessionCatalogUnavailableException"/>.
/// </summary>
public partial class FileSessionStore<TSession> : ISessionCatalog, IIndexedStore
{
    private readonly Lock _indexGate = new();
    private FileSessionIndex? _index;

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public SessionMetadata? GetMetadata(string id) => Catalog.GetMetadata(id);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default) => Catalog.GetMetadataAsync(id, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public SessionMetadata UpdateMetadata(string id, SessionMetadataChange change) => Catalog.UpdateMetadata(id, change);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) =>
        Catalog.UpdateMetadataAsync(id, change, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public SessionQueryPage Query(SessionQuery query) => Catalog.Query(query);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default) => Catalog.QueryAsync(query, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public SessionSearchPage Search(string text, SessionQuery? query = null) => Catalog.Search(text, query);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default) =>
        Catalog.SearchAsync(text, query, cancellationToken);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public int Rebuild(IProgress<int>? progress = null) => Catalog.Rebuild(progress);

    /// <inheritdoc/>
    /// <exception cref="SessionCatalogUnavailableException">The store has no index (<see cref="FileSessionStoreOptions.Index"/>).</exception>
    public ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) => Catalog.RebuildAsync(progress, cancellationToken);

    string IIndexedStore.DirectoryPath => DirectoryPath;

    bool IIndexedStore.Durable => _options.Durable;

    string IIndexedStore.ItemsProperty => _items?.JsonName ?? "messages";

    TimeProvider IIndexedStore.TimeProvider => _options.TimeProvider;

    /// <summary>Whether writes tell an index.</summary>
    private protected bool HasIndex => _options.Index is not null;

    /// <summary>
    /// Whether this store has a catalog (an index set in <see cref="FileSessionStoreOptions.Index"/>): without one, its
    /// <see cref="ISessionCatalog"/> members throw <see cref="SessionCatalogUnavailableException"/>. Code that takes any
    /// store asks <see cref="SessionCatalogs.Of"/>, which answers for every backend.
    /// </summary>
    public bool HasCatalog => HasIndex;

    private FileSessionIndex Catalog => _index ?? OpenIndex();

    FileSessionStamp? IIndexedStore.StatDirectory() => StatDirectory();

    IReadOnlyList<FileSessionEntry> IIndexedStore.ScanSessions()
    {
        var found = new List<FileSessionEntry>();
        using FileDescriptor? directory = Platform.TryOpen(DirectoryPath, OpenFlags.ReadOnly | OpenFlags.Directory, out int errno);
        if (directory is null)
        {
            return errno is Errno.ENOENT ? found : throw CatalogError(null, ErrnoException.FromErrno(errno, $"opening directory '{DirectoryPath}'"));
        }

        var names = new FileSystemEnumerable<string>(DirectoryPath, static (ref FileSystemEntry entry) => entry.FileName.ToString(), new EnumerationOptions { AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal),
        };
        try
        {
            foreach (string name in names)
            {
                if (SessionFileLayout.SessionIdFromFileName(name) is { } id &&
                    Platform.TryStatEntry(Path.Join(DirectoryPath, name), out StatxBuffer status, out _) &&
                    status.Type == StatxBuffer.RegularFile)
                {
                    found.Add(new FileSessionEntry(id, FileSessionStamp.Of(status)));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CatalogError(null, ex);
        }

        return found;
    }

    FileSessionStamp? IIndexedStore.StatSession(string id) =>
        _files.StatEntry(ValidId(id)) is { Type: StatxBuffer.RegularFile } status ? FileSessionStamp.Of(status) : null;

    byte[]? IIndexedStore.ReadSessionForIndex(string id, out FileSessionStamp stamp)
    {
        stamp = default;
        (byte[] Content, FileSessionStamp Stamp) read;
        try
        {
            read = ReadUntraced(id, static (id, content, status) => WellFormedJson.IsDocument(content)
                ? (content.ToArray(), FileSessionStamp.Of(status))
                : throw new SessionCorruptException(id, id, "not a JSON document"));
        }
        catch (SessionCorruptException)
        {
            return null;
        }

        stamp = read.Stamp;
        return read.Content;
    }

    string IIndexedStore.EnsurePrivateDirectory(string name)
    {
        if (name.Length < 2 || name[0] != '.' || name.AsSpan(1).ContainsAnyExceptInRange('a', 'z'))
        {
            throw new ArgumentException("a private directory's name is a dot and lower-case letters", nameof(name));
        }

        string path = Path.Join(DirectoryPath, name);
        try
        {
            StoreDirectory.EnsureWritable(Platform, DirectoryPath, _options.Durable, _options.AllowSharedDirectory);
            using FileDescriptor? _ = StoreDirectory.OpenHidden(Platform, DirectoryPath, name, create: true);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw new SessionStorageException(null, SessionLocation.Directory(path), SessionOperation.Catalog, ex);
        }

        return path;
    }

    FileSessionStamp? IIndexedStore.StatPrivateFile(string name, string fileName) =>
        Platform.TryStatEntry(Path.Join(DirectoryPath, name, fileName), out StatxBuffer status, out _) ? FileSessionStamp.Of(status) : null;

    byte[]? IIndexedStore.ReadMetadataFile(string id)
    {
        try
        {
            return MetadataFiles.Read(Platform, DirectoryPath, ValidId(id));
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw CatalogError(id, ex);
        }
    }

    void IIndexedStore.WriteMetadataFile(string id, ReadOnlySpan<byte> content)
    {
        try
        {
            MetadataFiles.Write(Platform, DirectoryPath, ValidId(id), content, _options.Durable);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw CatalogError(id, ex);
        }
    }

    IReadOnlyList<string> IIndexedStore.ListMetadataFiles()
    {
        try
        {
            return MetadataFiles.List(Platform, DirectoryPath);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw CatalogError(null, ex);
        }
    }

    async ValueTask<IDisposable> IIndexedStore.LockForIndexCore(string id, bool async, CancellationToken cancellationToken) =>
        await LockCore(ValidId(id), SessionOperation.Catalog, async, cancellationToken).ConfigureAwait(false);

    /// <summary>The directory's stamp before a write, for its index; null without an index.</summary>
    private protected FileSessionStamp? IndexStampBefore() => HasIndex ? StatDirectory() : null;

    /// <summary>Tells the index of a write made under the session's lock. A failing index never fails the write: it is logged, and the index, which did not record the directory's new stamp, repairs itself on its next query.</summary>
    private protected void NotifyIndex(FileSessionChange change)
    {
        if (!HasIndex)
        {
            return;
        }

        try
        {
            Catalog.OnChanged(change);
        }
#pragma warning disable CA1031 // The write stands whatever its cache does.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            StoreLog.IndexUpdateFailed(_instruments.Logger, DirectoryPath, change.SessionId, ex.Message);
        }
    }

    /// <summary>What a removal or a trip to the trash does to a session's caller metadata, under its lock; a failure is logged (the session's own change stands).</summary>
    private protected void MoveMetadataFile(string id, Action<StorePlatform, string, string> move)
    {
        try
        {
            move(Platform, DirectoryPath, id);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            StoreLog.IndexUpdateFailed(_instruments.Logger, DirectoryPath, id, ex.Message);
        }
    }

    private FileSessionStamp? StatDirectory() =>
        Platform.TryStat(DirectoryPath, out StatxBuffer status, out int errno) ? FileSessionStamp.Of(status)
        : errno is Errno.ENOENT or Errno.ENOTDIR ? null
        : throw CatalogError(null, ErrnoException.FromErrno(errno, $"reading the status of '{DirectoryPath}'"));

    private FileSessionIndex OpenIndex()
    {
        FileSessionIndexProvider provider = _options.Index ?? throw new SessionCatalogUnavailableException(DirectoryPath);
        lock (_indexGate)
        {
            return _index ??= provider.Open(new FileSessionIndexHost(this));
        }
    }

    private SessionStorageException CatalogError(string? id, Exception ex) =>
        new(id, id is null ? SessionLocation.Directory(DirectoryPath) : SessionLocation.File(_files.PathOf(id)), SessionOperation.Catalog, ex);
}

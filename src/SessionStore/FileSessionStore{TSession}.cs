using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SessionStore.Buffers;
using SessionStore.Serialization;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Stores sessions of any type as JSON files in one directory, one file per session
/// (<c>&lt;id&gt;.json</c>). Saves are atomic and, by default, durable; deletes say whether this call
/// removed the session; every failure is a typed exception that names the session and the path.
/// </summary>
/// <remarks>
/// Every member validates the id (see <see cref="SessionIdRules"/>) before touching the file system.
/// Instances are thread-safe, and several processes may share one directory. JSON goes through the
/// given <see cref="JsonTypeInfo{T}"/> only, so the store works trimmed and under NativeAOT.
/// </remarks>
/// <typeparam name="TSession">The session type.</typeparam>
public partial class FileSessionStore<TSession> : ISessionStore<TSession>
    where TSession : class
{
    private readonly SessionSerializer<TSession> _serializer;
    private readonly Func<TSession, string> _sessionIdOf;
    private readonly FileSessionStoreOptions _options;

    /// <summary>Creates a store over <paramref name="directory"/> with default options.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="typeInfo">The source-generated JSON metadata for <typeparamref name="TSession"/>.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    public FileSessionStore(string directory, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf)
        : this(directory, typeInfo, sessionIdOf, new FileSessionStoreOptions())
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="typeInfo">The source-generated JSON metadata for <typeparamref name="TSession"/>.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="options">Durability and limits; copied, so later changes do not affect this store.</param>
    public FileSessionStore(string directory, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf, FileSessionStoreOptions options)
        : this(directory, typeInfo, sessionIdOf, options, schema: null)
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/> whose files carry a schema version.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="typeInfo">The source-generated JSON metadata for <typeparamref name="TSession"/>.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="options">Durability and limits; copied, so later changes do not affect this store.</param>
    /// <param name="schema">
    /// The version the store writes and the steps that migrate older files on load; <see langword="null"/>
    /// for unversioned files. A file of a newer version is neither loaded nor overwritten.
    /// </param>
    public FileSessionStore(string directory, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf, FileSessionStoreOptions options, SessionSchema? schema)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(sessionIdOf);
        ArgumentNullException.ThrowIfNull(options);
        DirectoryPath = Path.GetFullPath(directory);
        _serializer = new SessionSerializer<TSession>(typeInfo, schema);
        _sessionIdOf = sessionIdOf;
        _options = options.Clone();
    }

    /// <summary>The full path of the store's directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>The largest session file this store reads, in bytes (<see cref="FileSessionStoreOptions.MaxSessionBytes"/>).</summary>
    public long MaxSessionBytes => _options.MaxSessionBytes;

    /// <summary>
    /// Saves a session, replacing any earlier version atomically: readers see the old file or the new
    /// one, never a mix. Creates the directory when needed.
    /// </summary>
    /// <param name="session">The session to save.</param>
    /// <returns>The full path of the session's file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidSessionIdException">The session's id is not valid; nothing was written.</exception>
    /// <exception cref="ArgumentException">The session is not valid; nothing was written.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; the previous version is intact.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored file has a newer schema version than this store writes; it is left as it was.</exception>
    public string Save(TSession session)
    {
        using PooledBytes content = PrepareSave(session, out string id, out string path);
        Write(id, path, content);
        return path;
    }

    /// <inheritdoc cref="Save(TSession)"/>
    /// <param name="session">The session to save.</param>
    /// <param name="cancellationToken">Cancels the save before the new file replaces the old one.</param>
    /// <exception cref="OperationCanceledException">The save was cancelled; the previous version is intact.</exception>
    public async ValueTask<string> SaveAsync(TSession session, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using PooledBytes content = PrepareSave(session, out string id, out string path);
        await WriteAsync(id, path, content, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Loads a session.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The stored session.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session; it is left as it was.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    /// <exception cref="SessionSchemaVersionException">The file has a newer schema version than this store knows.</exception>
    public TSession Load(string id) =>
        TryLoad(id, out TSession? session) ? session : throw new SessionNotFoundException(id, DirectoryPath);

    /// <inheritdoc cref="Load(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async ValueTask<TSession> LoadAsync(string id, CancellationToken cancellationToken = default) =>
        await TryLoadAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new SessionNotFoundException(id, DirectoryPath);

    /// <summary>Loads a session if it exists.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="session">The stored session, or <see langword="null"/> when there is none.</param>
    /// <returns><see langword="false"/> when no session has this id.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session; it is left as it was.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public bool TryLoad(string id, [NotNullWhen(true)] out TSession? session)
    {
        session = ReadSession(id, PathOf(id)).Session;
        return session is not null;
    }

    /// <summary>Loads a session if it exists.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The stored session, or <see langword="null"/> when no session has this id.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session; it is left as it was.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public async ValueTask<TSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) =>
        (await ReadSessionAsync(id, PathOf(id), cancellationToken).ConfigureAwait(false)).Session;

    /// <summary>
    /// The ids of the stored sessions, ordinal-sorted. Temp files, files that do not end in
    /// <c>.json</c>, files whose name is not a valid id, and directories are never listed.
    /// </summary>
    /// <returns>The ids; empty when the directory does not exist.</returns>
    public IReadOnlyList<string> List() => StoreDirectory.ListSessionIds(DirectoryPath, _options.LeftoverFileAge);

    /// <inheritdoc cref="List()"/>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: listing a directory has no asynchronous system call.</remarks>
    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(List());
    }

    /// <summary>Whether a session with this id is stored. A directory named like a session is not one.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> when the session's file exists; <see langword="false"/> also when the directory is missing.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    public bool Exists(string id) => File.Exists(PathOf(id));

    /// <inheritdoc cref="Exists(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: a file's existence has no asynchronous system call.</remarks>
    public ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Exists(id));
    }

    /// <summary>
    /// Deletes a session. Safe to repeat and to race: of any number of concurrent callers, threads or
    /// processes, exactly one gets <see langword="true"/>.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> if this call removed the session; <see langword="false"/> if it was absent or another caller removed it first.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionDeleteException">The session exists but could not be removed; the OS error is the inner exception.</exception>
    /// <exception cref="SessionLockTimeoutException">An update held the session's lock for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    public bool Delete(string id)
    {
        string path = PathOf(id);
        if (!Directory.Exists(DirectoryPath))
        {
            return false;
        }

        // Under the session's lock, so a delete never interleaves with an update that would bring the session back.
        using SessionLock held = Lock(id, CancellationToken.None);
        bool removed = Delete(id, path);
        AfterDelete(id);
        return removed;
    }

    /// <inheritdoc cref="Delete(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: removing a file has no asynchronous system call.</remarks>
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Delete(id));
    }

    /// <summary>
    /// Checks what the JSON shape of <typeparamref name="TSession"/> cannot: called before a save, where
    /// the exception reaches the caller, and after a load, where it makes the file corrupt.
    /// </summary>
    /// <param name="session">The session to check.</param>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    protected virtual void ValidateSession(TSession session)
    {
    }

    /// <summary>
    /// Reads the source-generated metadata for <typeparamref name="TSession"/> from a JSON context, as
    /// generated stores do; no reflection is involved.
    /// </summary>
    /// <param name="context">A context with <c>[JsonSerializable(typeof(TSession))]</c>.</param>
    /// <returns>The metadata.</returns>
    /// <exception cref="InvalidOperationException">The context does not serialize <typeparamref name="TSession"/>.</exception>
    protected static JsonTypeInfo<TSession> TypeInfoFrom(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTypeInfo(typeof(TSession)) as JsonTypeInfo<TSession>
            ?? throw new InvalidOperationException($"{context.GetType().Name} has no [JsonSerializable(typeof({typeof(TSession).Name}))].");
    }

    private void RefuseToOverwriteNewerSchema(string id, string path)
    {
        if (_serializer.Schema is { } schema &&
            SessionFileReader.ReadPrefix(path, 256) is { } prefix &&
            SchemaVersionReader.Peek(prefix) is int fileVersion &&
            fileVersion > schema.CurrentVersion)
        {
            throw new SessionSchemaVersionException(id, path, fileVersion, schema.CurrentVersion);
        }
    }

    private void Write(string id, string path, PooledBytes content)
    {
        RefuseToOverwriteNewerSchema(id, path);
        try
        {
            StoreDirectory.Ensure(DirectoryPath, _options.Durable);
            AtomicFile.Replace(path, SessionFileLayout.TempPath(DirectoryPath, id), content.Span, _options.Durable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "saved", ex);
        }
    }

    private async ValueTask WriteAsync(string id, string path, PooledBytes content, CancellationToken cancellationToken)
    {
        RefuseToOverwriteNewerSchema(id, path);
        try
        {
            StoreDirectory.Ensure(DirectoryPath, _options.Durable);
            await AtomicFile.ReplaceAsync(path, SessionFileLayout.TempPath(DirectoryPath, id), content.Memory, _options.Durable, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "saved", ex);
        }
    }

    /// <summary>Whether saves are fsynced (<see cref="FileSessionStoreOptions.Durable"/>).</summary>
    private protected bool Durable => _options.Durable;

    /// <summary>Validates the id and returns the session's file path.</summary>
    private protected string SessionPathOf(string id) => PathOf(id);

    private string PathOf(string id)
    {
        InvalidSessionIdException.ThrowIfInvalid(id, nameof(id));
        return SessionFileLayout.SessionPath(DirectoryPath, id);
    }

    private PooledBytes PrepareSave(TSession session, out string id, out string path)
    {
        ArgumentNullException.ThrowIfNull(session);
        id = _sessionIdOf(session);
        InvalidSessionIdException.ThrowIfInvalid(id, nameof(session));
        ValidateSession(session);
        path = SessionFileLayout.SessionPath(DirectoryPath, id);
        return _serializer.Serialize(session);
    }

    /// <summary>
    /// Gives a derived store of this assembly the chance to bring a session read from its file up to
    /// date (the reference store replays its append journal) and to extend the revision accordingly.
    /// </summary>
    private protected virtual TSession? AfterRead(string id, string path, TSession? session, ReadOnlySpan<byte> content, FileStamp stamp, ref string? etag) => session;

    /// <summary>Checks a session read from a file; a derived store whose reader already enforces the rules skips the second pass.</summary>
    private protected virtual void ValidateLoaded(TSession session) => ValidateSession(session);

    /// <summary>Lets a derived store of this assembly remove what belongs to a deleted session; called under its lock.</summary>
    private protected virtual void AfterDelete(string id)
    {
    }

    private (TSession? Session, string? ETag) ReadSession(string id, string path, bool withETag = false)
    {
        SessionFileReader.Outcome outcome;
        PooledBytes? content;
        FileStamp stamp;
        try
        {
            outcome = SessionFileReader.Read(path, _options.MaxSessionBytes, out content, out stamp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "read", ex);
        }

        return Finish(id, path, outcome, content, stamp, withETag);
    }

    private async ValueTask<(TSession? Session, string? ETag)> ReadSessionAsync(string id, string path, CancellationToken cancellationToken, bool withETag = false)
    {
        SessionFileReader.Outcome outcome;
        PooledBytes? content;
        FileStamp stamp;
        try
        {
            (outcome, content, stamp) = await SessionFileReader.ReadAsync(path, _options.MaxSessionBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "read", ex);
        }

        return Finish(id, path, outcome, content, stamp, withETag);
    }

    private (TSession? Session, string? ETag) Finish(string id, string path, SessionFileReader.Outcome outcome, PooledBytes? content, FileStamp stamp, bool withETag)
    {
        using (content)
        {
            TSession? session = Materialize(id, path, outcome, content, withETag, out string? etag);
            session = AfterRead(id, path, session, content is null ? default : content.Span, stamp, ref etag);
            return (session, etag);
        }
    }

    /// <summary>False when the file is missing; throws when something that is not a readable session is in its place.</summary>
    private protected bool IsReadable(string id, string path, SessionFileReader.Outcome outcome) => outcome switch
    {
        SessionFileReader.Outcome.Missing => false,
        SessionFileReader.Outcome.NotAFile => throw new SessionCorruptException(id, path, "a directory is where the session's file should be"),
        SessionFileReader.Outcome.TooLarge => throw new SessionCorruptException(id, path, $"the file is larger than MaxSessionBytes ({_options.MaxSessionBytes} bytes)"),
        _ => true,
    };

    private TSession? Materialize(string id, string path, SessionFileReader.Outcome outcome, PooledBytes? content, bool withETag, out string? etag)
    {
        etag = null;
        if (!IsReadable(id, path, outcome))
        {
            return null;
        }

        etag = withETag ? ContentETag.Of(content!.Span) : null;
        TSession session;
        try
        {
            session = _serializer.Deserialize(content!.Span);
            ValidateLoaded(session);
        }
        catch (SessionFormatException ex)
        {
            throw new SessionCorruptException(id, path, ex.Reason, ex.InnerException);
        }
        catch (NewerSchemaException ex)
        {
            throw new SessionSchemaVersionException(id, path, ex.FileVersion, _serializer.Schema!.CurrentVersion);
        }
        catch (ArgumentException ex)
        {
            throw new SessionCorruptException(id, path, ex.Message, ex);
        }

        string? storedId = _sessionIdOf(session);
        if (!string.Equals(storedId, id, StringComparison.Ordinal))
        {
            throw new SessionCorruptException(id, path, $"the file holds session '{storedId}', not '{id}'");
        }

        return session;
    }
}

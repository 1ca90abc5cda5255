using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SessionStore.Buffers;
using SessionStore.Storage.Platform;
using SessionStore.Interop;
using SessionStore.Serialization;
using SessionStore.Storage;
using SessionStore.Telemetry;

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
public partial class FileSessionStore<TSession> : ISessionStore<TSession>, ISessionAppender<TSession>
    where TSession : class
{
    private readonly SessionSerializer<TSession> _serializer;
    private readonly Func<TSession, string> _sessionIdOf;
    private readonly Action<TSession>? _validate;
    private readonly FileSessionStoreOptions _options;
    private readonly SessionFiles _files;
    private readonly SessionItems<TSession>? _items;

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
        : this(directory, new SessionDescriptor<TSession>(typeInfo, sessionIdOf, schema), options ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/> of the sessions <paramref name="descriptor"/> describes.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="descriptor">The session type: JSON metadata, id, schema and validation (a generated store's <c>Descriptor</c>).</param>
    /// <param name="options">Durability and limits; copied, so later changes do not affect this store. <see langword="null"/> for the defaults.</param>
    public FileSessionStore(string directory, SessionDescriptor<TSession> descriptor, FileSessionStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(descriptor);
        DirectoryPath = Path.GetFullPath(directory);
        _serializer = new SessionSerializer<TSession>(descriptor.TypeInfo, descriptor.Schema);
        _sessionIdOf = descriptor.SessionIdOf;
        _validate = descriptor.Validate;
        _items = descriptor.Items;
        _options = options?.Clone() ?? new FileSessionStoreOptions();
        _instruments = new StoreInstruments(StoreInstruments.FileSystem, DirectoryPath, _options.MeterFactory, _options.LoggerFactory);
        _files = new SessionFiles(StorePlatform.For(_options.FileSystemPlatform), DirectoryPath, _options.Durable, _options.MaxSessionBytes, _options.AllowSharedDirectory)
        {
            Logger = _instruments.Logger,
            IsWholeSession = IsValidSession,
        };
    }

    /// <summary>The full path of the store's directory.</summary>
    public string DirectoryPath { get; }

    /// <summary>The largest session this store writes or reads, in bytes (<see cref="FileSessionStoreOptions.MaxSessionBytes"/>).</summary>
    public long MaxSessionBytes => _options.MaxSessionBytes;

    /// <summary>
    /// Saves a session, replacing any earlier version atomically: readers see the old file or the new
    /// one, never a mix. Creates the directory when needed.
    /// </summary>
    /// <param name="session">The session to save.</param>
    /// <returns>The full path of the session's file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidSessionIdException">The session's id is not valid; nothing was written.</exception>
    /// <exception cref="SessionTooLargeException">The session is larger than <see cref="MaxSessionBytes"/>; nothing was written.</exception>
    /// <exception cref="ArgumentException">The session is not valid; nothing was written.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; the previous version is intact.</exception>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory; nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">Another writer held the session's lock for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionSchemaVersionException">The stored file has a newer schema version than this store writes; it is left as it was.</exception>
    public string Save(TSession session) => Completed.Result(SaveCore(session, conditional: false, expectedETag: null, async: false, CancellationToken.None));

    /// <inheritdoc cref="Save(TSession)"/>
    /// <param name="session">The session to save.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the save before the new file replaces the old one.</param>
    /// <exception cref="OperationCanceledException">The save was cancelled; the previous version is intact.</exception>
    public ValueTask<string> SaveAsync(TSession session, CancellationToken cancellationToken = default) =>
        SaveCore(session, conditional: false, expectedETag: null, async: true, cancellationToken);

    /// <summary>Loads a session.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The stored session.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session (or something that is not a file is in its place); it is left as it was.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    /// <exception cref="SessionSchemaVersionException">The file has a newer schema version than this store knows.</exception>
    public TSession Load(string id) =>
        TryLoad(id, out TSession? session) ? session : throw new SessionNotFoundException(id, DirectoryPath);

    /// <inheritdoc cref="Load(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: reading a local file has no asynchronous system call worth a thread switch.</remarks>
    public ValueTask<TSession> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Load(id));
    }

    /// <summary>Loads a session if it exists.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="session">The stored session, or <see langword="null"/> when there is none.</param>
    /// <returns><see langword="false"/> when no session has this id.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session; it is left as it was.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public bool TryLoad(string id, [NotNullWhen(true)] out TSession? session)
    {
        session = ReadSession(id, withETag: false).Session;
        return session is not null;
    }

    /// <summary>Loads a session if it exists.</summary>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <returns>The stored session, or <see langword="null"/> when no session has this id.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session; it is left as it was.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    /// <remarks>Completes synchronously: reading a local file has no asynchronous system call worth a thread switch.</remarks>
    public ValueTask<TSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ReadSession(id, withETag: false).Session);
    }

    /// <summary>
    /// The ids of the stored sessions, ordinal-sorted. Temp files, files that do not end in
    /// <c>.json</c>, files whose name is not a valid id, and directories are never listed. Nothing in
    /// the directory is changed.
    /// </summary>
    /// <returns>The ids; empty when the directory does not exist.</returns>
    public IReadOnlyList<string> List() => Traced(SessionOperation.List, DirectoryPath, static (_, directory) => (IReadOnlyList<string>)StoreDirectory.ListSessionIds(directory));

    /// <inheritdoc cref="List()"/>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: listing a directory has no asynchronous system call.</remarks>
    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(List());
    }

    /// <summary>Whether a session with this id is stored. A directory named like a session is not one; a link is not followed.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> when the session's file exists; <see langword="false"/> also when the directory is missing.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    public bool Exists(string id) => Traced(SessionOperation.Exists, ValidId(id), static (store, id) => store._files.Exists(id));

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
    /// processes, exactly one gets <see langword="true"/>. Works in a directory the store cannot write
    /// (it then raises <see cref="SessionDeleteException"/> with the operating system's error, or
    /// returns <see langword="false"/> when the session is absent).
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> if this call removed the session; <see langword="false"/> if it was absent or another caller removed it first.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionDeleteException">The session exists but could not be removed; the cause is the inner exception.</exception>
    /// <exception cref="SessionLockTimeoutException">Another writer held the session's lock for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    public bool Delete(string id) => Completed.Result(DeleteCore(id, async: false, CancellationToken.None));

    /// <inheritdoc cref="Delete(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => DeleteCore(id, async: true, cancellationToken);

    /// <summary>
    /// Checks what the JSON shape of <typeparamref name="TSession"/> cannot: called before a save, where
    /// the exception reaches the caller, and after a load, where it makes the file corrupt. By default it
    /// runs the descriptor's <see cref="SessionDescriptor{TSession}.Validate"/>.
    /// </summary>
    /// <param name="session">The session to check.</param>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    protected virtual void ValidateSession(TSession session) => _validate?.Invoke(session);

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

    /// <summary>The session files of this store: every read and write of a session goes through it.</summary>
    private protected SessionFiles Files => _files;

    /// <summary>The operating system calls the store is built on (<see cref="FileSessionStoreOptions.FileSystemPlatform"/>).</summary>
    internal StorePlatform Platform => _files.Platform;

    /// <summary>Validates the id and returns the session's file path.</summary>
    private protected string SessionPathOf(string id) => _files.PathOf(ValidId(id));

    /// <summary>Writes a session the store's way; the reference store writes exactly what the Python module writes.</summary>
    private protected virtual PooledBytes Serialize(TSession session) => SerializeLaidOut(session, out _);

    /// <summary>Reads a session from its file's bytes; the reference store tries its exact-shape reader first.</summary>
    /// <exception cref="SessionFormatException">The bytes do not hold a session of this type.</exception>
    private protected virtual TSession Deserialize(ReadOnlySpan<byte> content) => _serializer.Deserialize(content);

    /// <summary>Checks a session read from a file; a derived store whose reader already enforces the rules skips the second pass.</summary>
    private protected virtual void ValidateLoaded(TSession session) => ValidateSession(session);

    /// <summary>
    /// Takes the session's write lock (which also completes an append a crash interrupted), translating
    /// every failure into the store's exceptions.
    /// </summary>
    private protected async ValueTask<StripeLock> LockCore(string id, SessionOperation operation, bool async, CancellationToken cancellationToken)
    {
        var location = SessionLocation.File(_files.PathOf(id));
        StripeLock? held;
        try
        {
            held = await _files.LockCore(id, _options.LockTimeout, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, operation, id, location);
        }

        if (held is null)
        {
            throw new SessionLockTimeoutException(id, location, SessionFileLayout.LockPath(DirectoryPath, id), operation, _options.LockTimeout);
        }

        try
        {
            OnLocked(id, operation);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Lets a derived store of this assembly bring a session's file up to date once its lock is held, before any writer changes it.</summary>
    private protected virtual void OnLocked(string id, SessionOperation operation)
    {
    }

    /// <summary>Replaces the session's file with <paramref name="content"/>; call under the lock.</summary>
    private protected void WriteLocked(string id, PooledBytes content)
    {
        string path = _files.PathOf(id);
        RefuseToOverwriteNewerSchema(id, path);
        FileSessionStamp? before = IndexStampBefore();
        try
        {
            _files.Replace(id, content.Span);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.Save, id, SessionLocation.File(path));
        }

        if (HasIndex)
        {
            NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Written, before) { Content = content.Memory });
        }
    }

    /// <summary>Serializes and checks a session for writing: valid id, valid session, within the size limit.</summary>
    private protected PooledBytes PrepareSave(TSession session, out string id)
    {
        ArgumentNullException.ThrowIfNull(session);
        id = _sessionIdOf(session);
        InvalidSessionIdException.ThrowIfInvalid(id, nameof(session));
        ValidateSession(session);
        PooledBytes content = Serialize(session);
        if (content.Length > _options.MaxSessionBytes)
        {
            long size = content.Length;
            content.Dispose();
            throw new SessionTooLargeException(id, size, _options.MaxSessionBytes);
        }

        return content;
    }

    /// <summary>
    /// Reads a session's file and hands the bytes to <paramref name="parse"/>. A file an interrupted
    /// append left torn is read as the append completes it; a corrupt file is read twice before it is
    /// reported, so a writer finishing a recovery meanwhile is never mistaken for corruption.
    /// </summary>
    /// <returns>The parsed value, or default when there is no session.</returns>
    private protected TResult? ReadUntraced<TResult>(string id, Func<string, ReadOnlySpan<byte>, StatxBuffer, TResult> parse)
    {
        string path = _files.PathOf(ValidId(id));
        for (int attempt = 0; ; attempt++)
        {
            SessionFiles.Outcome outcome;
            PooledBytes? content;
            StatxBuffer status;
            string? what;
            try
            {
                outcome = _files.Read(id, out content, out status, out what);
            }
            catch (Exception ex) when (SessionErrors.IsRaw(ex))
            {
                throw SessionErrors.Translate(ex, SessionOperation.Read, id, SessionLocation.File(path));
            }

            switch (outcome)
            {
                case SessionFiles.Outcome.Missing:
                    return default;
                case SessionFiles.Outcome.NotAFile:
                    throw new SessionCorruptException(id, path, $"{what} is where the session's file should be");
                case SessionFiles.Outcome.TooLarge:
                    throw new SessionCorruptException(id, path, $"the file is larger than MaxSessionBytes ({_options.MaxSessionBytes} bytes)");
            }

            using (content)
            {
                try
                {
                    return parse(id, content!.Span, status);
                }
                catch (SessionCorruptException) when (attempt == 0)
                {
                    using PooledBytes? repaired = _files.TryRepair(id, content!, status);
                    if (repaired is not null)
                    {
                        return parse(id, repaired.Span, status);
                    }
                }
            }
        }
    }

    private (TSession? Session, string? ETag) ReadSession(string id, bool withETag) =>
        ReadCore(id, (id, content, _) => (Materialize(id, content), withETag ? ContentETag.Of(content) : null));

    private protected async ValueTask<string> SaveUntracedCore(TSession session, bool conditional, string? expectedETag, bool async, CancellationToken cancellationToken)
    {
        using PooledBytes content = PrepareSave(session, out string id);
        using StripeLock held = await LockCore(id, SessionOperation.Save, async, cancellationToken).ConfigureAwait(false);
        if (conditional)
        {
            string? actual = ReadSession(id, withETag: true).ETag;
            if (!string.Equals(actual, expectedETag, StringComparison.Ordinal))
            {
                throw new SessionConflictException(id, _files.PathOf(id), expectedETag, actual);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        WriteLocked(id, content);
        return conditional ? ContentETag.Of(content.Span) : _files.PathOf(id);
    }

    private async ValueTask<bool> DeleteUntracedCore(string id, bool async, CancellationToken cancellationToken)
    {
        string path = SessionPathOf(id);
        if (_files.StatEntry(id) is null)
        {
            return false; // Nothing to remove: no lock, no lock directory, nothing written.
        }

        StripeLock? held = null;
        try
        {
            held = await LockCore(id, SessionOperation.Delete, async, cancellationToken).ConfigureAwait(false);
        }
        catch (SessionDeleteException ex) when (ErrnoException.ErrnoOf(ex.InnerException!) is Errno.EACCES or Errno.EPERM or Errno.EROFS)
        {
            // A directory this process cannot write (read-only, or with a lock directory it does not own):
            // no writer of ours can be in it either; the unlink below reports the real error, or false.
        }
        catch (UnsafeSessionDirectoryException ex)
        {
            throw new SessionDeleteException(id, path, ex);
        }

        using (held)
        {
            try
            {
                return RemovedLocked(id, _files.Remove);
            }
            catch (Exception ex) when (SessionErrors.IsRaw(ex))
            {
                throw SessionErrors.Translate(ex, SessionOperation.Delete, id, SessionLocation.File(path));
            }
        }
    }

    /// <summary>Removes a session's file with <paramref name="remove"/> (under its lock) and, when it did, its caller metadata, telling the index.</summary>
    private protected bool RemovedLocked(string id, Func<string, bool> remove)
    {
        FileSessionStamp? before = IndexStampBefore();
        if (!remove(id))
        {
            return false;
        }

        MoveMetadataFile(id, static (platform, directory, id) => MetadataFiles.Remove(platform, directory, id));
        NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Removed, before));
        return true;
    }

    private void RefuseToOverwriteNewerSchema(string id, string path)
    {
        if (_serializer.Schema is not { } schema)
        {
            return;
        }

        int? fileVersion;
        try
        {
            fileVersion = ReadCore(id, static (_, content, _) => SchemaVersionReader.Peek(content[..Math.Min(content.Length, 256)]));
        }
        catch (SessionCorruptException)
        {
            return; // Whatever is there is not a session of any version: a save may replace it.
        }

        if (fileVersion > schema.CurrentVersion)
        {
            throw new SessionSchemaVersionException(id, path, fileVersion.Value, schema.CurrentVersion);
        }
    }

    private static string ValidId(string id)
    {
        InvalidSessionIdException.ThrowIfInvalid(id, nameof(id));
        return id;
    }

    /// <summary>Whether the bytes are a session this store reads as it is (a newer schema counts: someone wrote it whole).</summary>
    private bool IsValidSession(string id, ReadOnlySpan<byte> content)
    {
        if (!Serialization.WellFormedJson.IsDocument(content))
        {
            return false;
        }

        try
        {
            _ = Materialize(id, content);
            return true;
        }
        catch (SessionSchemaVersionException)
        {
            return true;
        }
        catch (SessionCorruptException)
        {
            return false;
        }
    }

    /// <summary>
    /// The session a file's bytes hold, or the reason they hold none: the one judgement behind loads, appends,
    /// <see cref="Check"/> and its repair. The store of any session type (<see cref="AnySessionStore"/>) judges its own way.
    /// </summary>
    /// <exception cref="SessionCorruptException">The bytes are not a valid session <paramref name="id"/>.</exception>
    /// <exception cref="SessionSchemaVersionException">The bytes are of a newer schema version than this store knows.</exception>
    internal virtual TSession Materialize(string id, ReadOnlySpan<byte> content)
    {
        string path = _files.PathOf(id);
        TSession session;
        try
        {
            session = Deserialize(content);
            ValidateLoaded(session);
        }
        catch (SessionFormatException ex)
        {
            throw SessionErrors.Translate(ex, SessionOperation.Read, id, SessionLocation.File(path));
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

using SessionStore.Buffers;
using SessionStore.Serialization;
using SessionStore.Interop;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Stores <see cref="StoredSession"/>s in the reference's format (<c>.port_sessions/&lt;id&gt;.json</c>,
/// snake_case, two-space indentation), so the Python module and this store read each other's files.
/// </summary>
public sealed partial class FileSessionStore : FileSessionStore<StoredSession>
{
    /// <summary>The directory used when none is given, relative to the current directory.</summary>
    public const string DefaultDirectory = ".port_sessions";

    /// <summary>Creates a store over <see cref="DefaultDirectory"/> in the current directory.</summary>
    public FileSessionStore()
        : this(DefaultDirectory)
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/> with default options.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    public FileSessionStore(string directory)
        : this(directory, new FileSessionStoreOptions())
    {
    }

    /// <summary>Creates a store over <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="options">Durability and limits; copied, so later changes do not affect this store.</param>
    public FileSessionStore(string directory, FileSessionStoreOptions options)
        : base(directory, SessionJsonContext.Default.StoredSession, static session => session.SessionId, options)
    {
    }

    /// <summary>A session's id, message and token counts, size and last write time, read without building its messages.</summary>
    /// <param name="id">The session's id.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="SessionNotFoundException">No session has this id.</exception>
    /// <exception cref="SessionCorruptException">The file does not hold a valid session.</exception>
    /// <exception cref="SessionStorageException">The file could not be read.</exception>
    public SessionSummary Summarize(string id) =>
        ReadCore(id, (id, content, status) => SummaryOf(id, content, status)) ?? throw new SessionNotFoundException(id, DirectoryPath);

    /// <inheritdoc cref="Summarize(string)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    /// <remarks>Completes synchronously: reading a local file has no asynchronous system call worth a thread switch.</remarks>
    public ValueTask<SessionSummary> SummarizeAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Summarize(id));
    }

    /// <summary>
    /// Copies a session to a new id, atomically: the copy appears complete or not at all, and an
    /// existing session is never overwritten.
    /// </summary>
    /// <param name="sourceId">The session to copy.</param>
    /// <param name="newId">The id of the copy.</param>
    /// <returns>The copy's file path.</returns>
    /// <exception cref="InvalidSessionIdException">An id is not valid.</exception>
    /// <exception cref="SessionNotFoundException">There is no session <paramref name="sourceId"/>.</exception>
    /// <exception cref="SessionConflictException">A session <paramref name="newId"/> exists already.</exception>
    public string Fork(string sourceId, string newId) => Completed.Result(ForkCore(sourceId, newId, async: false, CancellationToken.None));

    /// <inheritdoc cref="Fork(string, string)"/>
    /// <param name="sourceId">The session to copy.</param>
    /// <param name="newId">The id of the copy.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the write before the copy appears.</param>
    public ValueTask<string> ForkAsync(string sourceId, string newId, CancellationToken cancellationToken = default) =>
        ForkCore(sourceId, newId, async: true, cancellationToken);

    /// <summary>Refuses a session that breaks the contract; see <see cref="StoredSession.Validate"/>.</summary>
    /// <param name="session">The session to check.</param>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    protected override void ValidateSession(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Validate();
    }

    /// <summary>
    /// Folds the append journal SessionStore 0.1 may have left for the session into its file before any
    /// writer changes the file (a change would detach the journal for good). Only a journal that matches
    /// the file as it is now is applied; a detached one is left for <see cref="FileSessionStore{TSession}.Check"/> to report.
    /// </summary>
    private protected override void OnLocked(string id, SessionOperation operation)
    {
        string path = SessionFileLayout.SessionPath(DirectoryPath, id);
        try
        {
            FoldLegacyJournal(id);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or SessionCorruptException or OverflowException)
        {
            // A file that does not parse is Check's to report; the journal stays.
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, operation, id, SessionLocation.File(path));
        }
    }

    /// <summary>What <see cref="OnLocked"/> does, for a store over the same directory that holds the session's lock (<see cref="AnySessionStore"/>).</summary>
    internal void OnLockedBy(string id, SessionOperation operation) => OnLocked(id, operation);

    private void FoldLegacyJournal(string id)
    {
        if (ReadLegacyAppends(id, out PooledBytes? content) is not { } entries)
        {
            return;
        }

        using (content)
        {
            StoredSession folded = Deserialize(content!.Span);
            foreach (LegacyJournal.Entry entry in entries)
            {
                folded = folded with
                {
                    Messages = [.. folded.Messages, .. entry.Messages],
                    InputTokens = checked(folded.InputTokens + entry.InputTokens),
                    OutputTokens = checked(folded.OutputTokens + entry.OutputTokens),
                };
            }

            using PooledBytes bytes = Serialize(folded);
            if (bytes.Length > Files.MaxBytes)
            {
                return; // Folded, it would be too large to read: Check reports the journal.
            }

            Files.Replace(id, bytes.Span);
            LegacyJournal.Remove(Platform, DirectoryPath, id);
        }
    }

    private protected override PooledBytes Serialize(StoredSession session)
    {
        var content = new PooledBytes(4096);
        ReferenceWriter.Write(content, session);
        return content;
    }

    private protected override StoredSession Deserialize(ReadOnlySpan<byte> content) =>
        ReferenceReader.TryRead(content) ?? base.Deserialize(content);

    private ValueTask<string> ForkCore(string sourceId, string newId, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Fork, (sourceId, newId), static (store, s, async, ct) => ((FileSessionStore)store).ForkUntracedCore(s.sourceId, s.newId, async, ct), async, cancellationToken);

    private async ValueTask<string> ForkUntracedCore(string sourceId, string newId, bool async, CancellationToken cancellationToken)
    {
        InvalidSessionIdException.ThrowIfInvalid(newId, nameof(newId));
        StoredSession copy = Load(sourceId) with { SessionId = newId };
        _ = await SaveCore(copy, conditional: true, expectedETag: null, async, cancellationToken).ConfigureAwait(false);
        return SessionFileLayout.SessionPath(DirectoryPath, newId);
    }

    private SessionSummary SummaryOf(string id, ReadOnlySpan<byte> content, StatxBuffer status)
    {
        ReferenceFormat.Fields fields;
        try
        {
            fields = SummaryReader.Read(content);
        }
        catch (SessionFormatException ex)
        {
            throw SessionErrors.Translate(ex, SessionOperation.Read, id, SessionLocation.File(Files.PathOf(id)));
        }

        return fields.SessionId == id
            ? new SessionSummary(id, fields.MessageCount, fields.InputTokens, fields.OutputTokens, content.Length, status.LastWriteTime)
            : throw new SessionCorruptException(id, Files.PathOf(id), $"the file holds session '{fields.SessionId}', not '{id}'");
    }

    // StoredSessionConverter already refuses everything Validate checks (and the file name checks the id):
    // a second pass over every message was 14% of a load under callgrind.
    private protected override void ValidateLoaded(StoredSession session)
    {
    }
}

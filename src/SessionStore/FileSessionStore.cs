using SessionStore.Buffers;
using SessionStore.Serialization;
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
    public SessionSummary Summarize(string id)
    {
        InvalidSessionIdException.ThrowIfInvalid(id, nameof(id));
        string path = SessionFileLayout.SessionPath(DirectoryPath, id);
        try
        {
            // Size and write time come from the handle that was read: one stat, and they describe those bytes.
            if (!IsReadable(id, path, SessionFileReader.Read(path, MaxSessionBytes, out PooledBytes? content, out FileStamp stamp)))
            {
                throw new SessionNotFoundException(id, DirectoryPath);
            }

            using (content)
            {
                (string storedId, int count, long input, long output) = SummaryReader.Read(content!.Span);
                return storedId == id
                    ? new SessionSummary(id, count, input, output, content.Length, new DateTimeOffset(stamp.LastWriteTicks, TimeSpan.Zero))
                    : throw new SessionCorruptException(id, path, $"the file holds session '{storedId}', not '{id}'");
            }
        }
        catch (SessionFormatException ex)
        {
            throw new SessionCorruptException(id, path, ex.Reason, ex.InnerException);
        }
        catch (Exception ex) when (ex is IOException and not (SessionCorruptException or SessionStorageException) or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "read", ex);
        }
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
    public string Fork(string sourceId, string newId)
    {
        InvalidSessionIdException.ThrowIfInvalid(newId, nameof(newId));
        StoredSession copy = Load(sourceId) with { SessionId = newId };
        _ = SaveIfMatch(copy, expectedETag: null);
        return SessionFileLayout.SessionPath(DirectoryPath, newId);
    }

    /// <summary>Refuses a session that breaks the contract; see <see cref="StoredSession.Validate"/>.</summary>
    /// <param name="session">The session to check.</param>
    /// <exception cref="ArgumentException">The session is not valid.</exception>
    protected override void ValidateSession(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Validate();
    }

    // StoredSessionConverter already refuses everything Validate checks (and the file name checks the id):
    // a second pass over every message was 14% of a load under callgrind.
    private protected override void ValidateLoaded(StoredSession session)
    {
    }
}

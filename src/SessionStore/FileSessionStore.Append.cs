using System.Globalization;
using SessionStore.Serialization;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Appends whose cost does not grow with the session: each goes to the end of a journal beside the
/// session's file, replayed on load; the journal is folded into the file (a normal atomic save) once it
/// is as large as the file itself, so the directory is plain reference-format files again.
/// </summary>
public sealed partial class FileSessionStore
{
    /// <summary>A journal is folded into the session's file once it is larger than both this and the file.</summary>
    public const long MinimumCompactionBytes = 64 * 1024;

    /// <summary>
    /// Adds messages and token counts to a session (creating it when absent). The cost depends on what
    /// is appended, not on the session's length; it is as crash-safe as <c>Save</c>: once it returns the
    /// append is durable, and an append torn by a crash is ignored on load, never an error.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="messages">The messages to add, in order; none is <see langword="null"/>.</param>
    /// <param name="inputTokens">Input tokens to add; not negative.</param>
    /// <param name="outputTokens">Output tokens to add; not negative.</param>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="ArgumentException">A message is null or not valid UTF-16, or a count is negative.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; nothing was appended.</exception>
    public void Append(string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens)
    {
        string path = SessionPathOf(id);
        ArgumentNullException.ThrowIfNull(messages);
        var entry = new JournalEntry(messages, inputTokens, outputTokens);
        ValidateSession(new StoredSession(id, messages, inputTokens, outputTokens));
        byte[] record = JournalFormat.Record(entry);

        EnsureLockDirectory(id, path);
        using SessionLock held = Lock(id, CancellationToken.None);
        string journal = SessionFileLayout.JournalPath(DirectoryPath, id);
        FileStamp? stamp = FileStamp.Read(path);
        if (stamp is null)
        {
            // No session yet: the append is the whole session (any journal left from a deleted one is stale).
            DeleteJournal(id, path, journal);
            Save(new StoredSession(id, [.. messages], inputTokens, outputTokens));
            return;
        }

        long journalLength;
        try
        {
            journalLength = SessionJournal.Append(journal, JournalFormat.Header(stamp.Value), record, Durable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, journal, "appended to", ex);
        }

        if (journalLength > Math.Max(MinimumCompactionBytes, stamp.Value.Length))
        {
            CompactLocked(id, path, journal);
        }
    }

    /// <summary>
    /// Folds a session's appends into its file now, so readers of the plain format (the Python reference)
    /// see them. <see cref="Append"/> does this on its own once the journal is as large as the file.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <returns><see langword="true"/> when there were appends to fold in.</returns>
    public bool Compact(string id)
    {
        string path = SessionPathOf(id);
        string journal = SessionFileLayout.JournalPath(DirectoryPath, id);
        if (!File.Exists(journal))
        {
            return false;
        }

        using SessionLock held = Lock(id, CancellationToken.None);
        return CompactLocked(id, path, journal);
    }

    private protected override StoredSession? AfterRead(string id, string path, StoredSession? session, ReadOnlySpan<byte> content, FileStamp stamp, ref string? etag)
    {
        if (session is null)
        {
            return null;
        }

        string journalPath = SessionFileLayout.JournalPath(DirectoryPath, id);
        byte[]? journal;
        try
        {
            journal = SessionJournal.TryRead(journalPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, journalPath, "read", ex);
        }

        if (journal is null)
        {
            return session;
        }

        List<JournalEntry>? entries = JournalFormat.Parse(journal, FileStamp.Of(stamp.Length, stamp.LastWriteTicks, content), out int validLength);
        if (entries is not { Count: > 0 })
        {
            return session;
        }

        var messages = new List<string>(session.Messages.Count + entries.Sum(e => e.Messages.Count));
        messages.AddRange(session.Messages);
        long input = session.InputTokens, output = session.OutputTokens;
        try
        {
            foreach (JournalEntry entry in entries)
            {
                messages.AddRange(entry.Messages);
                input = checked(input + entry.InputTokens);
                output = checked(output + entry.OutputTokens);
            }
        }
        catch (OverflowException ex)
        {
            throw new SessionCorruptException(id, journalPath, "the appended token counts overflow", ex);
        }

        if (etag is not null)
        {
            // The revision covers the appends too: a conditional save never drops one silently.
            etag = string.Create(CultureInfo.InvariantCulture, $"{etag}+{ContentETag.Of(journal.AsSpan(0, validLength))}");
        }

        return session with { Messages = messages, InputTokens = input, OutputTokens = output };
    }

    private protected override void AfterDelete(string id) =>
        DeleteJournal(id, SessionFileLayout.SessionPath(DirectoryPath, id), SessionFileLayout.JournalPath(DirectoryPath, id));

    private bool CompactLocked(string id, string path, string journal)
    {
        if (!TryLoad(id, out StoredSession? full))
        {
            DeleteJournal(id, path, journal);
            return false;
        }

        Save(full);
        DeleteJournal(id, path, journal);
        return true;
    }

    private static void DeleteJournal(string id, string path, string journal)
    {
        try
        {
            SessionJournal.Delete(journal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale journal is ignored on load (it names another version of the file); report, do not hide.
            throw new SessionStorageException(id, path, "compacted", ex);
        }
    }
}

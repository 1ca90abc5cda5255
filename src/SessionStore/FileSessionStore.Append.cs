using System.Collections.Concurrent;
using SessionStore.Serialization;
using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Appends whose cost does not grow with the session, into the session's own file: the file's small
/// tail (the end of the messages and the totals) is overwritten in place, behind an intent that a
/// crash cannot lose (see <see cref="AppendIntent"/> and docs/reliability.md). The file stays the
/// whole session, in the reference format, after every append.
/// </summary>
public sealed partial class FileSessionStore
{
    /// <summary>How many bytes of the file's end an append reads: the fingerprinted window before the tail and the tail.</summary>
    private const int EndLength = AppendIntent.WindowLength + 4096;

    /// <summary>
    /// The versions of files this store has read whole and found in the canonical shape, by path: an
    /// append to such a file reads only its end. Any change by anyone else changes the version.
    /// </summary>
    private readonly ConcurrentDictionary<string, FileVersion> _canonical = new(StringComparer.Ordinal);

    /// <summary>
    /// Adds messages and token counts to a session (creating it when absent). The cost depends on what
    /// is appended, not on the session's length. Once it returns, the session's own file holds the
    /// append (and, with <see cref="FileSessionStoreOptions.Durable"/>, it is on disk); a crash during the
    /// call leaves the session as it was before or after it, never torn, and loses no earlier append.
    /// </summary>
    /// <param name="id">The session's id.</param>
    /// <param name="messages">The messages to add, in order; none is <see langword="null"/>.</param>
    /// <param name="inputTokens">Input tokens to add; not negative.</param>
    /// <param name="outputTokens">Output tokens to add; not negative.</param>
    /// <exception cref="InvalidSessionIdException"><paramref name="id"/> is not valid.</exception>
    /// <exception cref="ArgumentException">A message is null or not valid UTF-16, or a count is negative; nothing was written.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A total would overflow; nothing was written.</exception>
    /// <exception cref="SessionTooLargeException">The session would grow past <see cref="FileSessionStore{TSession}.MaxSessionBytes"/>; nothing was written.</exception>
    /// <exception cref="SessionCorruptException">The stored file is corrupt; nothing was written.</exception>
    /// <exception cref="SessionLockTimeoutException">The lock stayed taken for <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    /// <exception cref="SessionStorageException">The file system refused the write; nothing was appended.</exception>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory; nothing was written.</exception>
    public void Append(string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens) =>
        Completed.Wait(AppendCore(id, messages, inputTokens, outputTokens, async: false, CancellationToken.None));

    /// <inheritdoc cref="Append(string, IReadOnlyList{string}, long, long)"/>
    /// <param name="id">The session's id.</param>
    /// <param name="messages">The messages to add, in order; none is <see langword="null"/>.</param>
    /// <param name="inputTokens">Input tokens to add; not negative.</param>
    /// <param name="outputTokens">Output tokens to add; not negative.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock, or the append before it writes.</param>
    public ValueTask AppendAsync(string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens, CancellationToken cancellationToken = default) =>
        AppendCore(id, messages, inputTokens, outputTokens, async: true, cancellationToken);

    private async ValueTask AppendUntracedCore(string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens, bool async, CancellationToken cancellationToken)
    {
        string path = SessionPathOf(id);
        ArgumentNullException.ThrowIfNull(messages);
        ValidateSession(new StoredSession(id, messages, inputTokens, outputTokens));
        using StripeLock held = await LockCore(id, SessionOperation.Append, async, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        bool appended;
        try
        {
            appended = TryAppendInPlace(held, id, messages, inputTokens, outputTokens);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.Append, id, SessionLocation.File(path));
        }

        if (!appended)
        {
            // No file yet, or one not in the canonical shape (another tool's formatting, a hard link to
            // it elsewhere that an in-place write would change too): write it whole, once.
            TryLoad(id, out StoredSession? current);
            StoredSession next = current is null
                ? new StoredSession(id, [.. messages], inputTokens, outputTokens)
                : new StoredSession(id, [.. current.Messages, .. messages], Total(current.InputTokens, inputTokens, nameof(inputTokens)), Total(current.OutputTokens, outputTokens, nameof(outputTokens)));
            using Buffers.PooledBytes content = PrepareSave(next, out _);
            WriteLocked(id, content);
        }
    }

    /// <summary>A message as a JSON string, as an index reads appended items.</summary>
    private static byte[] JsonString(string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(message.Length + 16);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(message);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <returns>False when the append must rewrite the file instead.</returns>
    private bool TryAppendInPlace(StripeLock held, string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens)
    {
        string path = Files.PathOf(id);
        using FileDescriptor? file = Files.OpenForAppend(id, out Interop.StatxBuffer status);
        if (file is null || status.NLink != 1 || (long)status.Size > MaxSessionBytes)
        {
            return false;
        }

        long size = (long)status.Size;
        long endStart = Math.Max(0, size - EndLength);
        byte[] end = Files.ReadRange(file, id, endStart, (int)(size - endStart));
        if (ReferenceTail.Find(end, endStart) is not { } tail ||
            (tail.Offset - AppendIntent.WindowLength < endStart && endStart > 0) ||
            !IsCanonical(file, id, status, tail))
        {
            return false;
        }

        byte[] newTail = ReferenceWriter.Tail(tail.HasMessages, messages,
            Total(tail.InputTokens, inputTokens, nameof(inputTokens)), Total(tail.OutputTokens, outputTokens, nameof(outputTokens)));
        long newSize = tail.Offset + newTail.Length;
        if (newSize > MaxSessionBytes)
        {
            throw new SessionTooLargeException(id, newSize, MaxSessionBytes);
        }

        if (newSize <= size)
        {
            // Only counts changed, in as many digits: lock-free readers tell an in-place write by the size it adds (see SessionFiles.Read).
            return false;
        }

        long windowStart = Math.Max(0, tail.Offset - AppendIntent.WindowLength);
        FileSessionStamp? before = IndexStampBefore();
        if (!Files.AppendInPlace(held, file, status, id, tail.Offset, end.AsSpan((int)(windowStart - endStart)), newTail))
        {
            return false;
        }

        if (HasIndex)
        {
            NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Appended, before)
            {
                AppendedItems = [.. messages.Select(static m => (ReadOnlyMemory<byte>)JsonString(m))],
                AfterItems = System.Text.Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"],\"input_tokens\":{Total(tail.InputTokens, inputTokens, nameof(inputTokens))},\"output_tokens\":{Total(tail.OutputTokens, outputTokens, nameof(outputTokens))}}}")),
            });
        }

        _canonical[path] = FileVersion.Of(Platform.Stat(file, path));
        return true;
    }

    /// <summary>
    /// Whether the file is a valid session in exactly the shape this store writes, with its messages
    /// ending where <paramref name="tail"/> starts. Read whole once per version of the file.
    /// </summary>
    private bool IsCanonical(FileDescriptor file, string id, Interop.StatxBuffer status, ReferenceTail.Found tail)
    {
        string path = Files.PathOf(id);
        if (_canonical.TryGetValue(path, out FileVersion known) && known == FileVersion.Of(status))
        {
            return true;
        }

        byte[] whole = Files.ReadRange(file, id, 0, (int)status.Size);
        ReferenceFormat.Fields fields;
        try
        {
            fields = SummaryReader.Read(whole);
        }
        catch (SessionFormatException ex)
        {
            throw SessionErrors.Translate(ex, SessionOperation.Append, id, SessionLocation.File(path));
        }

        long expectedEnd = tail.HasMessages ? tail.Offset + 3 : tail.Offset;
        bool canonical = fields.SessionId == id && whole[0] == (byte)'{' && fields.MessagesEnd == expectedEnd &&
            fields.InputTokens == tail.InputTokens && fields.OutputTokens == tail.OutputTokens;
        if (canonical)
        {
            if (_canonical.Count > 4096)
            {
                _canonical.Clear();
            }

            _canonical[path] = FileVersion.Of(status);
        }

        return canonical;
    }

    private static long Total(long current, long added, string name)
    {
        try
        {
            return checked(current + added);
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(name, added, $"Adding {added} to the session's {current} would overflow its total; nothing was written.");
        }
    }
}

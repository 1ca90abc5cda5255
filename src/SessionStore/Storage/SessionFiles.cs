using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SessionStore.Buffers;
using SessionStore.Interop;
using SessionStore.Serialization;
using SessionStore.Storage.Platform;
using SessionStore.Telemetry;

namespace SessionStore.Storage;

/// <summary>
/// The one owner of a store's session files: every read, replace, in-place append, removal and
/// recovery of <c>&lt;id&gt;.json</c> goes through here, so no operation can bypass an append in
/// flight. The session's file is the whole session: an append changes its tail in place behind an
/// <see cref="AppendIntent"/>, which the next writer (under the stripe's lock) or reader (in memory)
/// completes after a crash. Files are opened without following links and without blocking on FIFOs
/// or devices. An in-place write marks the file first and holds an exclusive <c>flock</c> while it
/// writes; a reader reads without a lock and checks afterwards that no in-place write overlapped it,
/// reading again under a shared <c>flock</c> when one may have (see <see cref="Read"/>), so a reader
/// never sees half a write.
/// </summary>
internal sealed class SessionFiles(StorePlatform platform, string directory, bool durable, long maxBytes, bool allowSharedDirectory)
{
    private bool? _ignoresCase;

    /// <summary>Set (as the owner's execute bit) on a session's file while an append changes it in place: a reader then checks the intent.</summary>
    internal const uint AppendMarker = 0x40;

    /// <summary>How long an in-place write waits for shared locks on the file to go before it rewrites the file whole instead.</summary>
    private const int ForeignLockPatienceMilliseconds = 50;
    private const uint PermissionBits = 0xFFF;

    /// <summary>What reading a session's file found.</summary>
    internal enum Outcome
    {
        Read,
        Missing,
        NotAFile,
        TooLarge,
    }

    internal string Directory => directory;

    /// <summary>The operating system calls every file operation of the store goes through.</summary>
    internal StorePlatform Platform => platform;

    /// <summary>Where a completed interrupted append is logged.</summary>
    internal ILogger Logger { get; init; } = NullLogger.Instance;

    internal bool Durable => durable;

    /// <summary>
    /// Tells a file someone else wrote whole (valid as it is) from one an append of ours tore; only a torn one is
    /// completed. Defaults to "a well-formed JSON document".
    /// </summary>
    internal WholeSessionCheck IsWholeSession { get; init; } = static (_, content) => WellFormedJson.IsDocument(content);

    internal long MaxBytes => maxBytes;

    internal string PathOf(string id) => SessionFileLayout.SessionPath(directory, id);

    /// <summary>
    /// Reads a session's file whole. On <see cref="Outcome.Read"/> the caller owns <paramref name="content"/>;
    /// on <see cref="Outcome.NotAFile"/>, <paramref name="what"/> says what is there instead.
    /// </summary>
    /// <remarks>
    /// The common case is five system calls and no lock: open, statx, one pread, statx, close. It is
    /// torn-read safe because every in-place write (<see cref="AppendInPlace"/>, <see cref="Recover"/>)
    /// sets <see cref="AppendMarker"/> before its first byte, clears it after its last, and leaves the
    /// file longer than it found it (appends that would not grow it rewrite it whole instead). So if
    /// neither statx shows the marker and the second shows the size, mode and times of the first, no
    /// in-place write overlapped the read: one that began before the first statx would show the marker
    /// there, one that has not finished by the second would show it there, and one wholly between them
    /// changed the size. Anything else is read again under a shared <c>flock</c>, which waits for the
    /// in-place write to finish, and a marked file is completed from its intent in memory.
    /// </remarks>
    /// <exception cref="IOException">The file exists but cannot be read (carries the errno).</exception>
    internal Outcome Read(string id, out PooledBytes? content, out StatxBuffer status, out string? what)
    {
        content = null;
        what = null;
        string path = PathOf(id);
        using FileDescriptor? file = platform.TryOpen(path, OpenFlags.ReadOnly, out int errno);
        if (file is null)
        {
            status = default;
            return errno switch
            {
                Errno.ENOENT or Errno.ENOTDIR => Outcome.Missing,
                Errno.ELOOP => NotAFile("a symbolic link (links are never followed)", out what),
                _ => throw ErrnoException.FromErrno(errno, $"opening '{path}'"),
            };
        }

        if (IsCaseTwin(id))
        {
            status = default;
            return Outcome.Missing;
        }

        status = platform.Stat(file, path);
        if (status.Type != StatxBuffer.RegularFile)
        {
            return NotAFile(StorePlatform.Describe(status.Type), out what);
        }

        if ((status.Mode & AppendMarker) == 0)
        {
            if (ReadWhole(file, status, path, out content) is not Outcome.Read and var tooLarge)
            {
                return tooLarge;
            }

            if (content!.Length == (long)status.Size && IsSameVersion(status, platform.Stat(file, path)))
            {
                return Outcome.Read;
            }

            content.Dispose();
            content = null;
        }

        if (!platform.Flock(file, LockOperation.Shared | LockOperation.NonBlocking, path))
        {
            // An append is writing the tail in place: one pwrite, then it lets go.
            _ = platform.Flock(file, LockOperation.Shared, path);
        }

        status = platform.Stat(file, path);
        Outcome outcome = ReadWhole(file, status, path, out content);
        if (outcome == Outcome.Read && (status.Mode & AppendMarker) != 0 && TryRepair(id, content!, status) is { } repaired)
        {
            content!.Dispose();
            content = repaired;
        }

        return outcome;
    }

    /// <summary>
    /// The session as its in-flight (or crashed) append leaves it, when <paramref name="content"/> (read from
    /// the file whose status is <paramref name="status"/>) is a version of the file that append's intent
    /// describes; null otherwise. Changes nothing on disk.
    /// </summary>
    internal PooledBytes? TryRepair(string id, PooledBytes content, StatxBuffer status)
    {
        byte[] record;
        try
        {
            record = StripeLock.PeekIntent(platform, directory, id);
        }
        catch (IOException)
        {
            return null;
        }

        FileVersion now = FileVersion.Of(status);
        if (AppendIntent.TryDecode(record) is not { } intent || !intent.CanDescribe(id, now) || (ulong)content.Length != now.Size ||
            !MustComplete(intent, now, content.Span[(int)intent.WindowStart..], content.Span))
        {
            return null;
        }

        var repaired = new PooledBytes((int)intent.Offset + intent.NewTail.Length);
        content.Span[..(int)intent.Offset].CopyTo(repaired.GetSpan((int)intent.Offset));
        repaired.Advance((int)intent.Offset);
        intent.NewTail.CopyTo(repaired.GetSpan(intent.NewTail.Length));
        repaired.Advance(intent.NewTail.Length);
        return repaired;
    }

    /// <summary>Whether the intent's write is unfinished in the file: the file is its version, untouched, or torn by it.</summary>
    private bool MustComplete(AppendIntent intent, FileVersion now, ReadOnlySpan<byte> fromWindow, ReadOnlySpan<byte> whole) =>
        intent.FitOf(intent.SessionId, now, fromWindow) switch
        {
            AppendIntent.Fit.Incomplete => true,
            AppendIntent.Fit.Torn => !IsWholeSession(intent.SessionId, whole),
            _ => false,
        };

    /// <summary>Whether something that is not a directory has the session's file name (a link is not followed).</summary>
    internal bool Exists(string id) =>
        platform.TryStatEntry(PathOf(id), out StatxBuffer status, out _) && status.Type != StatxBuffer.Directory && !IsCaseTwin(id);

    /// <summary>The status of the session's directory entry itself, or null when there is none.</summary>
    internal StatxBuffer? StatEntry(string id) =>
        platform.TryStatEntry(PathOf(id), out StatxBuffer status, out _) ? status : null;

    /// <summary>
    /// Takes the lock every writer of a session holds, after checking that the directory is safe to write
    /// in, and completes whatever append a crash left unfinished on the stripe.
    /// </summary>
    /// <returns>The lock, or null when it stayed taken for <paramref name="timeout"/>.</returns>
    /// <exception cref="UnsafeSessionDirectoryException">Another user can write the directory.</exception>
    /// <exception cref="IOException">The directory, the lock or the recovery failed (carries the errno).</exception>
    internal async ValueTask<StripeLock?> LockCore(string id, TimeSpan timeout, bool async, CancellationToken cancellationToken)
    {
        StoreDirectory.EnsureWritable(platform, directory, durable, allowSharedDirectory);
        StripeLock? held = await StripeLock.TryAcquireCore(platform, directory, id, timeout, Logger, async, cancellationToken).ConfigureAwait(false);
        if (held is null)
        {
            return null;
        }

        try
        {
            ThrowIfCaseTwin(id);
            Recover(held);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="content"/> as the session's whole file, atomically (temp file, fsync, rename, directory fsync). Call under the lock.</summary>
    internal void Replace(string id, ReadOnlySpan<byte> content)
    {
        string path = PathOf(id);
        string temp = Path.Join(directory, SessionFileLayout.TempName(id));
        try
        {
            using (FileDescriptor file = platform.TryOpen(temp, OpenFlags.WriteOnly | OpenFlags.Create | OpenFlags.Exclusive, out int errno)
                ?? throw ErrnoException.FromErrno(errno, $"creating '{temp}'"))
            {
                platform.WriteAt(file, content, 0, temp);
                if (durable)
                {
                    platform.Sync(file, temp);
                }
            }

            if (platform.Rename(temp, path) is not 0 and int renameErrno)
            {
                throw ErrnoException.FromErrno(renameErrno, $"renaming '{temp}' to '{path}'");
            }
        }
        catch
        {
            _ = platform.Unlink(temp);
            throw;
        }

        if (durable)
        {
            platform.SyncDirectory(directory);
        }
    }

    /// <summary>Opens the session's file for an in-place append; null when there is none, or when the platform never writes in place (<see cref="StorePlatform.WritesInPlace"/>: the caller rewrites the file whole). Call under the lock.</summary>
    /// <exception cref="IOException">Something other than a regular file is there, or it cannot be opened.</exception>
    internal FileDescriptor? OpenForAppend(string id, out StatxBuffer status)
    {
        string path = PathOf(id);
        status = default;
        if (!platform.WritesInPlace)
        {
            return null;
        }

        FileDescriptor? file = platform.TryOpen(path, OpenFlags.ReadWrite, out int errno);
        if (file is null)
        {
            return errno is Errno.ENOENT or Errno.ENOTDIR
                ? null
                : throw (errno == Errno.ELOOP
                    ? new IOException($"'{path}' is a symbolic link, not a session's file; links are never followed", errno)
                    : ErrnoException.FromErrno(errno, $"opening '{path}'"));
        }

        status = platform.Stat(file, path);
        if (status.Type != StatxBuffer.RegularFile)
        {
            file.Dispose();
            throw new IOException($"'{path}' is {StorePlatform.Describe(status.Type)}, not a session's file", Errno.EINVAL);
        }

        return file;
    }

    /// <summary>Reads <paramref name="length"/> bytes of an open session file from <paramref name="offset"/>.</summary>
    internal byte[] ReadRange(FileDescriptor file, string id, long offset, int length)
    {
        byte[] bytes = new byte[length];
        int read = platform.ReadAt(file, bytes, offset, PathOf(id));
        return read == length ? bytes : bytes.AsSpan(0, read).ToArray();
    }

    /// <summary>
    /// Replaces the file's tail from <c>offset</c> with <c>newTail</c>, in place, behind an intent: once
    /// this returns the append is in the file (and on disk when durable); a crash before that leaves an
    /// intent the next access completes. <c>fromWindow</c> holds the file's bytes from
    /// <see cref="AppendIntent.WindowStart"/> to its end. Call under the lock.
    /// </summary>
    /// <returns>False, with nothing changed, when another process holds a shared lock on the file for longer than a moment (a reader that is not ours): the caller rewrites the file whole instead, which needs no lock on it.</returns>
    internal bool AppendInPlace(StripeLock held, FileDescriptor file, StatxBuffer status, string id, long offset, ReadOnlySpan<byte> fromWindow, ReadOnlySpan<byte> newTail)
    {
        string path = PathOf(id);
        if (!TryLockExclusive(file, path))
        {
            return false;
        }

        bool markerCleared;
        try
        {
            long windowStart = Math.Max(0, offset - AppendIntent.WindowLength);
            int windowLength = (int)(offset - windowStart);
            ReadOnlySpan<byte> oldTail = fromWindow[windowLength..];
            // The marker goes first: a reader that finds no marker knows no intent can be complete, and a
            // reader that finds one sees the intent exactly as the next writer's recovery will.
            uint mode = status.Mode & PermissionBits;
            // The directory's stamp changes before the file does (and again after): an index that compares it never
            // misses this write, even when a crash ends the append before its last step.
            platform.TouchDirectory(directory);
            platform.ChangeMode(file, mode | AppendMarker, path);
            FileVersion marked = FileVersion.Of(platform.Stat(file, path));
            try
            {
                held.WriteIntent(AppendIntent.Encode(id, offset, marked, fromWindow[..windowLength], oldTail, newTail), durable);
                WriteTail(file, path, offset, (long)status.Size, newTail);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Undo(held, file, path, mode, offset, oldTail, ex);
                throw;
            }

            // The append is done: the new tail is in the file (on disk when durable). What follows only tidies up, and the
            // next writer of the stripe does it if this cannot (the intent then finds the file complete and is dropped), so
            // a failure here must not report the append as failed: a caller would retry it and store it twice.
            try
            {
                platform.ChangeMode(file, mode & ~AppendMarker, path);
                markerCleared = true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                markerCleared = TidyingFailed(id, path, ex);
            }
        }
        finally
        {
            _ = platform.Flock(file, LockOperation.Unlock, path);
        }

        if (markerCleared)
        {
            // Kept when the marker stays, so that the next writer's recovery clears the marker too.
            try
            {
                held.ClearIntent(durable);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _ = TidyingFailed(id, path, ex);
            }
        }

        platform.TouchDirectory(directory);
        return true;
    }

    /// <summary>Logs that tidying up after a completed append failed; false.</summary>
    private bool TidyingFailed(string id, string path, Exception failure)
    {
        StoreLog.AppendTidyingFailed(Logger, id, path, failure.Message);
        return false;
    }

    /// <summary>
    /// After an append's write failed (a full disk, a quota, an I/O error), puts the old tail back and forgets
    /// the intent, so that the failure means what its exception says: nothing was appended, and a retry
    /// appends once. Shrinking the file and overwriting bytes it already has need no free space.
    /// </summary>
    /// <exception cref="IOException">Even the old tail could not be restored; the intent stays, and the next writer completes the append.</exception>
    private void Undo(StripeLock held, FileDescriptor file, string path, uint mode, long offset, ReadOnlySpan<byte> oldTail, Exception failure)
    {
        try
        {
            platform.Truncate(file, offset + oldTail.Length, path);
            platform.WriteAt(file, oldTail, offset, path);
            if (durable)
            {
                platform.Sync(file, path);
            }

            held.ClearIntent(durable);
            platform.ChangeMode(file, mode & ~AppendMarker, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException(
                $"{failure.Message}; the old end of '{path}' could not be restored either ({ex.Message}), so the append stays pending and the next writer of the session completes it: do not retry it",
                failure.HResult);
        }
    }

    /// <summary>Removes the session's file; false when it was not there. Of concurrent callers exactly one gets true.</summary>
    /// <exception cref="IOException">The file is there but could not be removed (carries the errno).</exception>
    internal bool Remove(string id)
    {
        string path = PathOf(id);
        ThrowIfCaseTwin(id);
        int errno = platform.Unlink(path);
        if (errno == 0)
        {
            if (durable)
            {
                platform.SyncDirectory(directory);
            }

            return true;
        }

        return errno is Errno.ENOENT or Errno.ENOTDIR ? false : throw ErrnoException.FromErrno(errno, $"removing '{path}'");
    }

    /// <summary>Whether two statuses of one open file show the same contents: same size, mode and times.</summary>
    private static bool IsSameVersion(StatxBuffer before, StatxBuffer after) =>
        before.Mode == after.Mode && before.Size == after.Size &&
        before.CTimeSeconds == after.CTimeSeconds && before.CTimeNanoseconds == after.CTimeNanoseconds &&
        before.MTimeSeconds == after.MTimeSeconds && before.MTimeNanoseconds == after.MTimeNanoseconds;

    /// <summary>
    /// Reads the file from its start to its end; on <see cref="Outcome.Read"/> the caller owns
    /// <paramref name="content"/>. One pread when the file is the size <paramref name="status"/> says: the
    /// buffer has room for more, so a read that comes back short has met the end, and no second read is
    /// needed to find it.
    /// </summary>
    private Outcome ReadWhole(FileDescriptor file, StatxBuffer status, string path, out PooledBytes? content)
    {
        content = null;
        long expected = (long)status.Size;
        if (expected > maxBytes)
        {
            return Outcome.TooLarge;
        }

        var buffer = new PooledBytes((int)Math.Min(maxBytes + 1, expected + 1));
        try
        {
            while (true)
            {
                Span<byte> free = buffer.FreeSpace(maxBytes).Span;
                int read = platform.ReadOnce(file, free, buffer.Length, path);
                buffer.Advance(read);
                if (buffer.Length > maxBytes)
                {
                    buffer.Dispose();
                    return Outcome.TooLarge;
                }

                if (read == 0 || (read < free.Length && buffer.Length >= expected))
                {
                    content = buffer;
                    return Outcome.Read;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static Outcome NotAFile(string description, out string what)
    {
        what = description;
        return Outcome.NotAFile;
    }

    /// <summary>
    /// Takes the file's exclusive lock, so that a reader that found the marker (and reads under a shared
    /// lock) sees the tail before the write or after it. Readers of ours hold the shared lock for one read;
    /// a lock held longer is someone else's, and no append may wait on it forever.
    /// </summary>
    private bool TryLockExclusive(FileDescriptor file, string path)
    {
        long deadline = Environment.TickCount64 + ForeignLockPatienceMilliseconds;
        while (!platform.Flock(file, LockOperation.Exclusive | LockOperation.NonBlocking, path))
        {
            if (Environment.TickCount64 >= deadline)
            {
                return false;
            }

            Thread.Sleep(1);
        }

        return true;
    }

    /// <summary>Writes the new tail in place; call holding the file's exclusive lock.</summary>
    private void WriteTail(FileDescriptor file, string path, long offset, long oldLength, ReadOnlySpan<byte> newTail)
    {
        platform.WriteAt(file, newTail, offset, path);
        if (offset + newTail.Length < oldLength)
        {
            platform.Truncate(file, offset + newTail.Length, path);
        }

        if (durable)
        {
            platform.Sync(file, path);
        }
    }

    private void Recover(StripeLock held)
    {
        byte[] record = held.ReadIntent();
        if (record.Length == 0)
        {
            return;
        }

        if (AppendIntent.TryDecode(record) is { } intent)
        {
            if (!platform.WritesInPlace)
            {
                // Only the hardened platform appends in place and can tell which file an intent was made for (device and
                // inode): dropping it here could leave its session torn for good, so the intent stays for a hardened writer.
                throw new IOException(
                    $"'{held.Path}' holds an append a Linux process using the hardened platform left unfinished (it was killed part-way), which only that platform can complete; open the store once with FileSystemPlatform.Hardened (the default on Linux) to complete it",
                    Errno.EOPNOTSUPP);
            }

            CompleteIfUnfinished(intent);
        }

        held.ClearIntent(durable);
    }

    /// <summary>
    /// Completes the intent's append when the session's file is provably the version it was made for
    /// (<see cref="AppendIntent.FitOf"/>), with the same checks as an append: no link followed, a regular
    /// file, and a file with a second name (a hard link elsewhere) replaced by a new file rather than
    /// changed in place. Anything else in the session's place is left exactly as it is.
    /// </summary>
    private void CompleteIfUnfinished(AppendIntent intent)
    {
        string id = intent.SessionId;
        string path = PathOf(id);
        using FileDescriptor? file = platform.TryOpen(path, OpenFlags.ReadWrite, out int errno);
        if (file is null)
        {
            if (errno is not (Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP or Errno.EISDIR or Errno.ENXIO or Errno.EOPNOTSUPP))
            {
                throw ErrnoException.FromErrno(errno, $"opening '{path}' to complete an append a crash interrupted");
            }

            StoreLog.AppendIntentDropped(Logger, id, path, "no session file is there");
            return;
        }

        StatxBuffer status = platform.Stat(file, path);
        FileVersion now = FileVersion.Of(status);
        if (status.Type != StatxBuffer.RegularFile || !intent.CanDescribe(id, now) || (long)now.Size > maxBytes)
        {
            StoreLog.AppendIntentDropped(Logger, id, path, "another file is in the session's place");
            return;
        }

        long length = (long)now.Size;
        byte[] whole = ReadRange(file, id, 0, (int)length);
        bool unfinished = whole.Length == length && MustComplete(intent, now, whole.AsSpan((int)intent.WindowStart), whole);
        if (unfinished && status.NLink != 1)
        {
            // A second name elsewhere (a snapshot): the completed session goes in as a new file, and the old one stays
            // exactly as it is under every other name, bytes and mode (an append never changes such a file either).
            Replace(id, [.. whole.AsSpan(0, (int)intent.Offset), .. intent.NewTail]);
            RecoveredAppends++;
            StoreLog.AppendRecovered(Logger, id, path);
            return;
        }

        if (unfinished)
        {
            if ((status.Mode & AppendMarker) == 0)
            {
                // Lock-free readers rely on every in-place write being marked (see Read).
                status.Mode |= (ushort)AppendMarker;
                platform.ChangeMode(file, status.Mode & PermissionBits, path);
            }

            if (TryLockExclusive(file, path))
            {
                try
                {
                    WriteTail(file, path, intent.Offset, length, intent.NewTail);
                }
                finally
                {
                    _ = platform.Flock(file, LockOperation.Unlock, path);
                }

                platform.TouchDirectory(directory);
            }
            else
            {
                // A lock someone else holds: the completed session goes in as a new file instead.
                Replace(id, [.. whole.AsSpan(0, (int)intent.Offset), .. intent.NewTail]);
            }

            RecoveredAppends++;
            StoreLog.AppendRecovered(Logger, id, path);
        }
        else
        {
            StoreLog.AppendIntentDropped(Logger, id, path, "the file is not the version the append was for (another writer changed it)");
        }

        if ((status.Mode & AppendMarker) != 0)
        {
            platform.ChangeMode(file, status.Mode & PermissionBits & ~AppendMarker, path);
        }
    }

    /// <summary>How many interrupted appends this instance completed (for diagnostics and tests).</summary>
    internal int RecoveredAppends { get; private set; }

    /// <summary>
    /// Whether the directory ignores case in names (Windows' and macOS's defaults, exFAT, SMB shares): probed once
    /// it has an entry whose name has a letter (<see cref="CaseProbe"/>), until then false (no twin can exist yet).
    /// </summary>
    internal bool IgnoresCase => (_ignoresCase ??= CaseProbe.IgnoresCase(directory)) ?? false;

    /// <summary>
    /// Refuses <paramref name="id"/> when the directory ignores case and the file that answers to its name is
    /// another session's (one whose id differs only in case): the two would share one file. Costs nothing where
    /// case matters; where it does not, one listing of the names that match (the file system's own lookup on
    /// Windows, a scan of the directory elsewhere).
    /// </summary>
    /// <exception cref="IOException">The name is another session's (<see cref="Errno.EEXIST"/>).</exception>
    internal void ThrowIfCaseTwin(string id)
    {
        if (IgnoresCase && CaseProbe.StoredNameOf(directory, id + SessionFileLayout.SessionExtension) is { } stored &&
            !stored.Equals(id + SessionFileLayout.SessionExtension, StringComparison.Ordinal))
        {
            throw new IOException(
                $"'{PathOf(id)}' is the file of session '{stored[..^SessionFileLayout.SessionExtension.Length]}': this directory ignores case in names, so ids that differ only in case cannot both be stored, and the store refuses the second rather than mix them in one file",
                Errno.EEXIST);
        }
    }

    /// <summary>Whether <paramref name="id"/>'s name finds another session's file (see <see cref="ThrowIfCaseTwin"/>): a read then finds no session.</summary>
    private bool IsCaseTwin(string id) =>
        IgnoresCase && CaseProbe.StoredNameOf(directory, id + SessionFileLayout.SessionExtension) is { } stored &&
        !stored.Equals(id + SessionFileLayout.SessionExtension, StringComparison.Ordinal);
}

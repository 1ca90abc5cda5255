using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Retention on a directory: a hidden <c>.trash</c> folder that pruned sessions are renamed into (never
/// listed, restorable, emptied only on request) and a hidden <c>.pins</c> folder of pinned ids. Moves
/// in and out of the trash hold the session's lock, so an append in flight finishes first and a crashed
/// one is completed before the file moves: what lands in the trash is the whole session.
/// </summary>
public partial class FileSessionStore<TSession> : ISessionRetention
{
    /// <inheritdoc />
    public bool MoveToTrash(string id) => Completed.Result(MoveToTrashCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<bool> MoveToTrashAsync(string id, CancellationToken cancellationToken = default) =>
        MoveToTrashCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> ListTrash() =>
        HiddenStorage(null, SessionLocation.Directory(Trash.DirectoryOf(DirectoryPath)), SessionOperation.List, () => Trash.List(Platform, DirectoryPath).Select(entry => Trash.Describe(Platform, entry)).OfType<TrashedSession>().ToList());

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrashedSession>> ListTrashAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ListTrash());
    }

    /// <inheritdoc />
    public string Restore(string id) => Completed.Result(RestoreCore(id, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<string> RestoreAsync(string id, CancellationToken cancellationToken = default) =>
        RestoreCore(id, async: true, cancellationToken);

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore = null, bool dryRun = false) =>
        EmptyTrash(trashedBefore, dryRun, CancellationToken.None);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashAsync(DateTimeOffset? trashedBefore = null, bool dryRun = false, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<TrashedSession>>(EmptyTrash(trashedBefore, dryRun, cancellationToken));

    /// <inheritdoc />
    public bool Pin(string id)
    {
        string path = SessionPathOf(id);
        if (!Files.Exists(id))
        {
            throw new SessionNotFoundException(id, DirectoryPath);
        }

        return HiddenStorage(id, SessionLocation.File(Pins.PathOf(DirectoryPath, id)), SessionOperation.Pin, () => Pins.Add(Platform, DirectoryPath, id, Files.Durable));
    }

    /// <inheritdoc />
    public ValueTask<bool> PinAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Pin(id));
    }

    /// <inheritdoc />
    public bool Unpin(string id)
    {
        _ = SessionPathOf(id);
        return HiddenStorage(id, SessionLocation.File(Pins.PathOf(DirectoryPath, id)), SessionOperation.Unpin, () => Pins.Remove(Platform, DirectoryPath, id));
    }

    /// <inheritdoc />
    public ValueTask<bool> UnpinAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Unpin(id));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListPinned() =>
        HiddenStorage(null, SessionLocation.Directory(Path.Join(DirectoryPath, Pins.DirectoryName)), SessionOperation.List, () => Pins.List(Platform, DirectoryPath));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListPinnedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ListPinned());
    }

    /// <inheritdoc />
    /// <remarks>A dry run only reads: it creates neither the lock nor the trash folder.</remarks>
    public PruneResult Prune(DateTimeOffset cutoff, bool dryRun = false) =>
        Completed.Result(PruneToTrashCore(cutoff, dryRun, progress: null, async: false, CancellationToken.None));

    /// <inheritdoc cref="Prune(DateTimeOffset, bool)"/>
    /// <param name="cutoff">Sessions last written before this move.</param>
    /// <param name="dryRun">Only say what would move.</param>
    /// <param name="progress">Told how many sessions have been looked at so far, after each one (a progress bar's count); <see langword="null"/>: nobody.</param>
    public PruneResult Prune(DateTimeOffset cutoff, bool dryRun, IProgress<int>? progress) =>
        Completed.Result(PruneToTrashCore(cutoff, dryRun, progress, async: false, CancellationToken.None));

    /// <inheritdoc />
    public ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default) =>
        PruneToTrashCore(cutoff, dryRun, progress: null, async: true, cancellationToken);

    /// <inheritdoc cref="Prune(DateTimeOffset, bool, IProgress{int})"/>
    /// <param name="cutoff">Sessions last written before this move.</param>
    /// <param name="dryRun">Only say what would move.</param>
    /// <param name="progress">Told how many sessions have been looked at so far, after each one; <see langword="null"/>: nobody.</param>
    /// <param name="cancellationToken">Stops between sessions: those already moved stay in the trash.</param>
    public ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun, IProgress<int>? progress, CancellationToken cancellationToken = default) =>
        PruneToTrashCore(cutoff, dryRun, progress, async: true, cancellationToken);

    private async ValueTask<bool> MoveToTrashUntracedCore(string id, bool async, CancellationToken cancellationToken)
    {
        _ = SessionPathOf(id);
        if (!Files.Exists(id))
        {
            return false;
        }

        using StripeLock held = await LockCore(id, SessionOperation.MoveToTrash, async, cancellationToken).ConfigureAwait(false);
        return MoveToTrashLocked(id);
    }

    private async ValueTask<string> RestoreUntracedCore(string id, bool async, CancellationToken cancellationToken)
    {
        string path = SessionPathOf(id);
        if (NewestTrashed(id) is null)
        {
            throw new SessionNotFoundException(id, Trash.DirectoryOf(DirectoryPath));
        }

        using StripeLock held = await LockCore(id, SessionOperation.Restore, async, cancellationToken).ConfigureAwait(false);
        Trash.Entry entry = NewestTrashed(id) ?? throw new SessionNotFoundException(id, Trash.DirectoryOf(DirectoryPath));
        FileSessionStamp? before = IndexStampBefore();
        bool restored = HiddenStorage(id, SessionLocation.File(path), SessionOperation.Restore, () => Trash.MoveOut(Platform, DirectoryPath, entry, Files.Durable));
        if (restored)
        {
            MoveMetadataFile(id, MetadataFiles.Restore);
            NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Restored, before));
        }

        return restored ? path : throw new SessionConflictException(id, path, expectedETag: null, ETagOrUnreadable(id));
    }

    private List<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore, bool dryRun, CancellationToken cancellationToken)
    {
        var emptied = new List<TrashedSession>();
        foreach (Trash.Entry entry in HiddenStorage(null, SessionLocation.Directory(Trash.DirectoryOf(DirectoryPath)), SessionOperation.List, () => Trash.List(Platform, DirectoryPath)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((trashedBefore is { } cutoff && entry.TrashedUtc >= cutoff.UtcDateTime) || Trash.Describe(Platform, entry) is not { } described)
            {
                continue;
            }

            try
            {
                if (dryRun || Trash.Remove(Platform, DirectoryPath, entry))
                {
                    emptied.Add(described);
                }
            }
            catch (Exception ex) when (SessionErrors.IsRaw(ex))
            {
                throw SessionErrors.Translate(ex, SessionOperation.EmptyTrash, entry.SessionId, SessionLocation.File(entry.Path));
            }
        }

        return emptied;
    }

    private async ValueTask<PruneResult> PruneToTrashUntracedCore(DateTimeOffset cutoff, bool dryRun, IProgress<int>? progress, bool async, CancellationToken cancellationToken)
    {
        var trashed = new List<string>();
        var kept = new List<string>();
        var pinned = new HashSet<string>(ListPinned(), StringComparer.Ordinal);
        int examined = 0;
        foreach (string id in List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(++examined);
            if (!IsOlderThan(id, cutoff))
            {
                continue;
            }

            if (pinned.Contains(id))
            {
                kept.Add(id);
                continue;
            }

            if (dryRun)
            {
                trashed.Add(id);
                continue;
            }

            using StripeLock held = await LockCore(id, SessionOperation.MoveToTrash, async, cancellationToken).ConfigureAwait(false);
            if (Pins.IsPinned(Platform, DirectoryPath, id))
            {
                kept.Add(id);
            }
            else if (IsOlderThan(id, cutoff) && MoveToTrashLocked(id))
            {
                trashed.Add(id);
            }
        }

        return new PruneResult(trashed, kept, dryRun);
    }

    private bool MoveToTrashLocked(string id)
    {
        FileSessionStamp? before = IndexStampBefore();
        if (!HiddenStorage(id, SessionLocation.File(Files.PathOf(id)), SessionOperation.MoveToTrash, () => Trash.MoveIn(Platform, DirectoryPath, id, _options.TimeProvider.GetUtcNow().UtcDateTime, Files.Durable)))
        {
            return false;
        }

        MoveMetadataFile(id, MetadataFiles.MoveToTrash);
        NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Removed, before));
        return true;
    }

    private Trash.Entry? NewestTrashed(string id)
    {
        foreach (Trash.Entry entry in HiddenStorage(id, SessionLocation.Directory(Trash.DirectoryOf(DirectoryPath)), SessionOperation.List, () => Trash.List(Platform, DirectoryPath)))
        {
            if (entry.SessionId == id && Trash.Describe(Platform, entry) is not null)
            {
                return entry;
            }
        }

        return null;
    }

    private string ETagOrUnreadable(string id)
    {
        try
        {
            return ReadSession(id, withETag: true).ETag ?? "(gone again)";
        }
        catch (IOException)
        {
            return "(unreadable)";
        }
    }

    /// <summary>Runs a change to the trash or the pins, translating an I/O failure into the store's exception.</summary>
    private static T HiddenStorage<T>(string? id, SessionLocation location, SessionOperation operation, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, operation, id, location);
        }
    }
}

using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// Retention on a directory: a hidden <c>.trash</c> folder that pruned sessions are renamed into (never
/// listed, restorable, emptied only on request) and a hidden <c>.pins</c> folder of pinned ids.
/// </summary>
public partial class FileSessionStore<TSession> : ISessionRetention
{
    /// <inheritdoc />
    public bool MoveToTrash(string id)
    {
        string path = PathOf(id);
        if (!File.Exists(path))
        {
            return false;
        }

        BeforeTrash(id);
        using SessionLock held = Lock(id, CancellationToken.None);
        return MoveToTrashLocked(id, path);
    }

    /// <inheritdoc />
    public ValueTask<bool> MoveToTrashAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(MoveToTrash(id));
    }

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> ListTrash() =>
        Trash.List(DirectoryPath).Select(Trash.Describe).OfType<TrashedSession>().ToList();

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrashedSession>> ListTrashAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ListTrash());
    }

    /// <inheritdoc />
    public string Restore(string id)
    {
        string path = PathOf(id);
        if (NewestTrashed(id) is null)
        {
            throw new SessionNotFoundException(id, Trash.DirectoryOf(DirectoryPath));
        }

        using SessionLock held = Lock(id, CancellationToken.None);
        Trash.Entry entry = NewestTrashed(id) ?? throw new SessionNotFoundException(id, Trash.DirectoryOf(DirectoryPath));
        bool restored;
        try
        {
            restored = Trash.MoveOut(DirectoryPath, entry, path, Durable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "restored from the trash", ex);
        }

        return restored ? path : throw new SessionConflictException(id, path, expectedETag: null, ETagOrUnreadable(id, path));
    }

    /// <inheritdoc />
    public ValueTask<string> RestoreAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Restore(id));
    }

    /// <inheritdoc />
    public IReadOnlyList<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore = null, bool dryRun = false)
    {
        var emptied = new List<TrashedSession>();
        foreach (Trash.Entry entry in Trash.List(DirectoryPath))
        {
            if ((trashedBefore is { } cutoff && entry.TrashedUtc >= cutoff.UtcDateTime) || Trash.Describe(entry) is not { } described)
            {
                continue;
            }

            try
            {
                if (dryRun || SessionFileRemover.Remove(Trash.DirectoryOf(DirectoryPath), entry.SessionId, entry.Path))
                {
                    emptied.Add(described);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new SessionDeleteException(entry.SessionId, entry.Path, ex);
            }
        }

        return emptied;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashAsync(DateTimeOffset? trashedBefore = null, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(EmptyTrash(trashedBefore, dryRun));
    }

    /// <inheritdoc />
    public bool Pin(string id)
    {
        string path = PathOf(id);
        if (!File.Exists(path))
        {
            throw new SessionNotFoundException(id, DirectoryPath);
        }

        return PinStorage(id, "pinned", () => Pins.Add(DirectoryPath, id, Durable));
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
        _ = PathOf(id);
        return PinStorage(id, "unpinned", () => Pins.Remove(DirectoryPath, id));
    }

    /// <inheritdoc />
    public ValueTask<bool> UnpinAsync(string id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Unpin(id));
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListPinned() => Pins.List(DirectoryPath);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListPinnedAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ListPinned());
    }

    /// <inheritdoc />
    /// <remarks>A dry run only reads: it neither sweeps leftovers nor creates the lock or trash folders.</remarks>
    public PruneResult Prune(DateTimeOffset cutoff, bool dryRun = false) => Prune(cutoff, dryRun, CancellationToken.None);

    /// <inheritdoc />
    public ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Prune(cutoff, dryRun, cancellationToken));

    /// <summary>Lets a derived store of this assembly bring a session's file up to date before it is renamed into the trash; called without the lock.</summary>
    private protected virtual void BeforeTrash(string id)
    {
    }

    private PruneResult Prune(DateTimeOffset cutoff, bool dryRun, CancellationToken cancellationToken)
    {
        var trashed = new List<string>();
        var kept = new List<string>();
        var pinned = new HashSet<string>(Pins.List(DirectoryPath), StringComparer.Ordinal);
        foreach (string id in StoreDirectory.ListSessionIds(DirectoryPath, leftoverAge: null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string path = SessionFileLayout.SessionPath(DirectoryPath, id);
            if (!IsOlderThan(path, cutoff))
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

            BeforeTrash(id);
            using SessionLock held = Lock(id, CancellationToken.None);
            if (Pins.IsPinned(DirectoryPath, id))
            {
                kept.Add(id);
            }
            else if (IsOlderThan(path, cutoff) && MoveToTrashLocked(id, path))
            {
                trashed.Add(id);
            }
        }

        return new PruneResult(trashed, kept, dryRun);
    }

    private bool MoveToTrashLocked(string id, string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            Trash.MoveIn(DirectoryPath, path, Trash.NewEntryPath(DirectoryPath, id, DateTime.UtcNow), Durable);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, path, "moved to the trash", ex);
        }
    }

    private Trash.Entry? NewestTrashed(string id)
    {
        foreach (Trash.Entry entry in Trash.List(DirectoryPath))
        {
            if (entry.SessionId == id)
            {
                return entry;
            }
        }

        return null;
    }

    private string ETagOrUnreadable(string id, string path)
    {
        try
        {
            return ReadRevision(id, path)?.ETag ?? "(gone again)";
        }
        catch (IOException)
        {
            return "(unreadable)";
        }
    }

    private T PinStorage<T>(string id, string operation, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionStorageException(id, Pins.PathOf(DirectoryPath, id), operation, ex);
        }
    }
}

using SessionStore.Storage;

namespace SessionStore;

/// <summary>
/// The quarantine: what <see cref="Check"/> with repair moved out of the way (corrupt session files, SessionStore 0.1
/// journals that can never be applied), listed, given back and deleted only on request. Restores hold the
/// session's lock and never overwrite a session unless asked, and then move it into the trash first.
/// </summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>The files in quarantine, ordinal by session id, the most recently moved first for one id.</summary>
    /// <returns>The files; empty when there is no quarantine.</returns>
    /// <exception cref="SessionStorageException"><c>.quarantine</c> is a link or a file, or cannot be read.</exception>
    public IReadOnlyList<QuarantinedFile> ListQuarantine() =>
        HiddenStorage(null, SessionLocation.Directory(Quarantine.DirectoryOf(DirectoryPath)), SessionOperation.List,
            () => Quarantine.List(Platform, DirectoryPath).Select(e => Quarantine.Describe(Platform, DirectoryPath, e)).OfType<QuarantinedFile>().ToList());

    /// <inheritdoc cref="ListQuarantine"/>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    public ValueTask<IReadOnlyList<QuarantinedFile>> ListQuarantineAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ListQuarantine());
    }

    /// <summary>
    /// Moves a quarantined file back where it was (a session's file to <c>&lt;id&gt;.json</c>, a 0.1 journal to its
    /// hidden name), bytes unchanged. A file that was corrupt is corrupt again; this is for one repaired by hand, or
    /// one a repair should not have moved.
    /// </summary>
    /// <param name="name">The file's <see cref="QuarantinedFile.Name"/>.</param>
    /// <param name="overwrite">
    /// Restore over a session that exists again: that session is moved into the trash first
    /// (<see cref="Restore"/> brings it back). A 0.1 journal is never restored over another.
    /// </param>
    /// <returns>The restored file's path.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not the name of a quarantined file.</exception>
    /// <exception cref="SessionNotFoundException">There is no such file in the quarantine.</exception>
    /// <exception cref="SessionConflictException">Something has the file's name again (and <paramref name="overwrite"/> is false, or it is a journal); nothing was changed.</exception>
    /// <exception cref="SessionLockTimeoutException">Another writer held the session's lock for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    public string RestoreFromQuarantine(string name, bool overwrite = false) =>
        Completed.Result(RestoreFromQuarantineCore(name, overwrite, async: false, CancellationToken.None));

    /// <inheritdoc cref="RestoreFromQuarantine(string, bool)"/>
    /// <param name="name">The file's <see cref="QuarantinedFile.Name"/>.</param>
    /// <param name="overwrite">Restore over a session that exists again, which is moved into the trash first.</param>
    /// <param name="cancellationToken">Cancels the wait for the lock.</param>
    public ValueTask<string> RestoreFromQuarantineAsync(string name, bool overwrite = false, CancellationToken cancellationToken = default) =>
        RestoreFromQuarantineCore(name, overwrite, async: true, cancellationToken);

    /// <summary>Deletes a quarantined file for good.</summary>
    /// <param name="name">The file's <see cref="QuarantinedFile.Name"/>.</param>
    /// <returns><see langword="true"/> if this call removed it; <see langword="false"/> if it was not there.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not the name of a quarantined file.</exception>
    /// <exception cref="SessionDeleteException">The file could not be removed.</exception>
    public bool DeleteFromQuarantine(string name)
    {
        Quarantine.Entry entry = EntryNamed(name);
        return HiddenStorage(entry.SessionId, SessionLocation.File(Path.Join(Quarantine.DirectoryOf(DirectoryPath), name)), SessionOperation.Delete,
            () => Quarantine.Remove(Platform, DirectoryPath, entry));
    }

    /// <inheritdoc cref="DeleteFromQuarantine(string)"/>
    /// <param name="name">The file's <see cref="QuarantinedFile.Name"/>.</param>
    /// <param name="cancellationToken">Cancels the call before it starts.</param>
    public ValueTask<bool> DeleteFromQuarantineAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(DeleteFromQuarantine(name));
    }

    private async ValueTask<string> RestoreFromQuarantineCore(string name, bool overwrite, bool async, CancellationToken cancellationToken)
    {
        Quarantine.Entry entry = EntryNamed(name);
        string quarantined = Path.Join(Quarantine.DirectoryOf(DirectoryPath), name);
        if (Quarantine.Describe(Platform, DirectoryPath, entry) is null)
        {
            throw new SessionNotFoundException(entry.SessionId, Quarantine.DirectoryOf(DirectoryPath));
        }

        string path = Path.Join(DirectoryPath, entry.OriginalName);
        using StripeLock held = await LockCore(entry.SessionId, SessionOperation.Restore, async, cancellationToken).ConfigureAwait(false);
        if (Quarantine.Describe(Platform, DirectoryPath, entry) is null)
        {
            throw new SessionNotFoundException(entry.SessionId, Quarantine.DirectoryOf(DirectoryPath));
        }

        if (overwrite && !entry.IsLegacyJournal && Files.StatEntry(entry.SessionId) is not null)
        {
            _ = MoveToTrashLocked(entry.SessionId);
        }

        FileSessionStamp? before = IndexStampBefore();
        bool restored = HiddenStorage(entry.SessionId, SessionLocation.File(quarantined), SessionOperation.Restore, () => Quarantine.MoveOut(Platform, DirectoryPath, entry, Files.Durable));
        if (restored)
        {
            NotifyIndex(new FileSessionChange(entry.SessionId, FileSessionChangeKind.Restored, before));
        }
        return restored ? path : throw new SessionConflictException(entry.SessionId, path, expectedETag: null, entry.IsLegacyJournal ? "(a journal)" : ETagOrUnreadable(entry.SessionId));
    }

    private static Quarantine.Entry EntryNamed(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Quarantine.Parse(name) ?? throw new ArgumentException($"'{name}' is not the name of a quarantined file (<id>.<time>.<random>.json or .journal).", nameof(name));
    }
}

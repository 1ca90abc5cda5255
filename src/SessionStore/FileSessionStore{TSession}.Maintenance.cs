using SessionStore.Buffers;
using SessionStore.Storage.Platform;
using SessionStore.Interop;
using SessionStore.Storage;
using SessionStore.Telemetry;

namespace SessionStore;

/// <summary>Keeping a directory healthy: pruning old sessions and checking (and repairing) what is on disk.</summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>Deletes the sessions whose files were last written (saved, updated or appended to) before <paramref name="cutoff"/>.</summary>
    /// <param name="cutoff">Sessions last written before this instant go.</param>
    /// <param name="dryRun">Only report what would go.</param>
    /// <returns>The ids deleted (or that would be), ordinal-sorted. A session written again meanwhile stays.</returns>
    /// <exception cref="SessionDeleteException">A session could not be removed; the ones before it were.</exception>
    /// <exception cref="SessionLockTimeoutException">Another writer held a session's lock for longer than <see cref="FileSessionStoreOptions.LockTimeout"/>.</exception>
    public IReadOnlyList<string> PruneOlderThan(DateTimeOffset cutoff, bool dryRun = false) =>
        Completed.Result(PruneCore(cutoff, dryRun, async: false, CancellationToken.None));

    /// <inheritdoc cref="PruneOlderThan(DateTimeOffset, bool)"/>
    /// <param name="cutoff">Sessions last written before this instant go.</param>
    /// <param name="dryRun">Only report what would go.</param>
    /// <param name="cancellationToken">Cancels the prune between sessions.</param>
    public ValueTask<IReadOnlyList<string>> PruneOlderThanAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default) =>
        PruneCore(cutoff, dryRun, async: true, cancellationToken);

    /// <summary>
    /// Reads every entry of the directory and reports corrupt or unreadable sessions, files of a newer
    /// schema, leftovers of crashed processes, interrupted appends, and anything that is not the store's.
    /// It goes on past anything it cannot read. With <paramref name="repair"/>, corrupt files are moved
    /// into the hidden <c>.quarantine</c> folder (never deleted; <see cref="ListQuarantine"/>, <see cref="RestoreFromQuarantine"/>),
    /// interrupted appends are completed and leftovers no one holds are removed.
    /// </summary>
    /// <param name="repair">Fix what can be fixed safely.</param>
    /// <param name="progress">Receives the number of sessions checked so far, every 1,000 sessions.</param>
    /// <returns>How many sessions were read, and the problems found.</returns>
    public StoreCheckResult Check(bool repair = false, IProgress<int>? progress = null) =>
        Completed.Result(CheckCore(repair, progress, async: false, CancellationToken.None));

    /// <inheritdoc cref="Check(bool, IProgress{int})"/>
    /// <param name="repair">Fix what can be fixed safely.</param>
    /// <param name="progress">Receives the number of sessions checked so far, every 1,000 sessions.</param>
    /// <param name="cancellationToken">Cancels the check between sessions, or a repair's wait for a session's lock.</param>
    public ValueTask<StoreCheckResult> CheckAsync(bool repair = false, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        CheckCore(repair, progress, async: true, cancellationToken);

    private async ValueTask<StoreCheckResult> CheckUntracedCore(bool repair, IProgress<int>? progress, bool async, CancellationToken cancellationToken)
    {
        var problems = new List<StoreProblem>();
        CheckDirectory(problems);
        await CheckInterruptedAppendsCore(repair, problems, async, cancellationToken).ConfigureAwait(false);
        int checkedSessions = 0;
        foreach (string id in StoreDirectory.ListSessionIds(DirectoryPath))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await CheckSessionCore(id, repair, problems, async, cancellationToken).ConfigureAwait(false);
            if (++checkedSessions % 1000 == 0)
            {
                progress?.Report(checkedSessions);
            }
        }

        foreach ((string path, SessionFileLayout.EntryKind kind) in StoreDirectory.ListOtherEntries(Platform, DirectoryPath))
        {
            StoreProblem? problem = kind == SessionFileLayout.EntryKind.LegacyJournal
                ? await LegacyJournalProblemCore(path, repair, async, cancellationToken).ConfigureAwait(false)
                : ProblemOf(path, kind, repair);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return new StoreCheckResult(checkedSessions, problems);
    }

    private async ValueTask<IReadOnlyList<string>> PruneUntracedCore(DateTimeOffset cutoff, bool dryRun, bool async, CancellationToken cancellationToken)
    {
        var pruned = new List<string>();
        foreach (string id in List())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsOlderThan(id, cutoff))
            {
                continue;
            }

            if (dryRun)
            {
                pruned.Add(id);
                continue;
            }

            using StripeLock held = await LockCore(id, SessionOperation.Prune, async, cancellationToken).ConfigureAwait(false);
            if (IsOlderThan(id, cutoff) && RemoveLocked(id))
            {
                pruned.Add(id);
            }
        }

        return pruned;
    }

    private bool IsOlderThan(string id, DateTimeOffset cutoff) =>
        Files.StatEntry(id) is { Type: StatxBuffer.RegularFile } status && status.LastWriteTime < cutoff;

    private bool RemoveLocked(string id)
    {
        try
        {
            return RemovedLocked(id, Files.Remove);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.Delete, id, SessionLocation.File(Files.PathOf(id)));
        }
    }

    private void CheckDirectory(List<StoreProblem> problems)
    {
        if (Directory.Exists(DirectoryPath) && !StoreDirectory.IsWritable(Platform, DirectoryPath))
        {
            // Not "shared": whoever owns it, this user cannot plant anything in it, and no option would let the store write.
            problems.Add(new StoreProblem(StoreProblemKind.ReadOnlyDirectory, DirectoryPath, null,
                "this user cannot write the directory (another user's, or a read-only mount): reads work, writes fail", Repaired: false));
        }
        else if (StoreDirectory.WhyUnsafeForWriting(Platform, DirectoryPath) is { } unsafeReason)
        {
            problems.Add(new StoreProblem(StoreProblemKind.SharedDirectory, DirectoryPath, null,
                $"other users can write the directory: {unsafeReason}; the store refuses to write in it unless AllowSharedDirectory is set", Repaired: false));
        }
        else if (StoreDirectory.IsGroupWritable(Platform, DirectoryPath))
        {
            problems.Add(new StoreProblem(StoreProblemKind.SharedDirectory, DirectoryPath, null,
                "the directory is group-writable: members of its group can plant or swap files in it", Repaired: false));
        }
    }

    private async ValueTask CheckInterruptedAppendsCore(bool repair, List<StoreProblem> problems, bool async, CancellationToken cancellationToken)
    {
        using FileDescriptor? locks = TryOpenLocks();
        if (locks is null)
        {
            return;
        }

        for (int stripe = 0; stripe < SessionFileLayout.LockStripes; stripe++)
        {
            string name = stripe.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + ".lock";
            string path = Path.Join(SessionFileLayout.LockDirectory(DirectoryPath), name);
            using FileDescriptor? file = Platform.TryOpenAt(locks, name, OpenFlags.ReadOnly, out _);
            StatxBuffer status = file is null ? default : Platform.Stat(file, path);
            if (file is null || (status.Type == StatxBuffer.RegularFile && status.Size == 0))
            {
                continue;
            }

            if (status.Type != StatxBuffer.RegularFile)
            {
                problems.Add(new StoreProblem(StoreProblemKind.ForeignEntry, path, null,
                    $"{StorePlatform.Describe(status.Type)} where the store keeps a lock file: every writer of the sessions on this lock fails until it is removed", Repaired: false));
                continue;
            }

            byte[] record = new byte[(int)Math.Min((long)status.Size, AppendIntent.MaxLength)];
            string? sessionId = AppendIntent.TryDecode(record.AsSpan(0, Platform.ReadAt(file, record, 0, path)))?.SessionId;
            bool repaired = false;
            if (repair && sessionId is not null)
            {
                try
                {
                    using StripeLock held = await LockCore(sessionId, SessionOperation.Repair, async, cancellationToken).ConfigureAwait(false);
                    repaired = true;
                }
                catch (IOException)
                {
                }
            }

            problems.Add(new StoreProblem(StoreProblemKind.InterruptedAppend, path, sessionId,
                sessionId is null ? "a torn append intent (its append never reached the session's file)" + (repaired ? "; cleared" : "")
                    : repaired ? "an append a crash interrupted; completed" : "an append a crash interrupted (readers see it completed; repair writes it)", repaired));
        }
    }

    private FileDescriptor? TryOpenLocks()
    {
        try
        {
            return StoreDirectory.OpenHidden(Platform, DirectoryPath, SessionFileLayout.LockDirectoryName, create: false);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async ValueTask CheckSessionCore(string id, bool repair, List<StoreProblem> problems, bool async, CancellationToken cancellationToken)
    {
        StoreProblem? problem = ProblemOfSession(id);
        if (repair && problem is { Kind: StoreProblemKind.CorruptSession })
        {
            problem = await QuarantineCorruptCore(id, async, cancellationToken).ConfigureAwait(false);
        }

        if (problem is not null)
        {
            problems.Add(problem);
        }
    }

    /// <summary>What is wrong with the session's file as it is now, or null when it loads (or is gone).</summary>
    private StoreProblem? ProblemOfSession(string id)
    {
        string path = Files.PathOf(id);
        try
        {
            _ = TryLoad(id, out _);
            return null;
        }
        catch (SessionCorruptException corrupt)
        {
            return new StoreProblem(StoreProblemKind.CorruptSession, path, id, corrupt.Reason, Repaired: false);
        }
        catch (SessionSchemaVersionException newer)
        {
            return new StoreProblem(StoreProblemKind.NewerSchema, path, id, newer.Message, Repaired: false);
        }
        catch (SessionStorageException unreadable)
        {
            return new StoreProblem(StoreProblemKind.UnreadableSession, path, id, unreadable.InnerException?.Message ?? unreadable.Message, Repaired: false);
        }
    }

    /// <summary>
    /// Moves a corrupt session's file into quarantine. The file is judged again under the lock, so a session
    /// a writer made valid (or replaced, or deleted) since the unlocked read is never moved.
    /// </summary>
    private async ValueTask<StoreProblem?> QuarantineCorruptCore(string id, bool async, CancellationToken cancellationToken)
    {
        string path = Files.PathOf(id);
        string? reason = null;
        try
        {
            using StripeLock held = await LockCore(id, SessionOperation.Repair, async, cancellationToken).ConfigureAwait(false);
            StoreProblem? now = ProblemOfSession(id);
            if (now is not { Kind: StoreProblemKind.CorruptSession })
            {
                return now;
            }

            reason = now.Description;
            FileSessionStamp? before = IndexStampBefore();
            string quarantined = Quarantine.Move(Platform, DirectoryPath, id, _options.TimeProvider.GetUtcNow(), reason);
            NotifyIndex(new FileSessionChange(id, FileSessionChangeKind.Removed, before));
            StoreLog.Quarantined(Instruments.Logger, id, reason, quarantined);
            return new StoreProblem(StoreProblemKind.CorruptSession, path, id, $"{reason}; moved to {quarantined}", Repaired: true);
        }
        catch (IOException ex)
        {
            return new StoreProblem(StoreProblemKind.CorruptSession, path, id, $"{reason ?? "corrupt"}; could not be moved to quarantine: {ex.InnerException?.Message ?? ex.Message}", Repaired: false);
        }
    }

    private StoreProblem? ProblemOf(string path, SessionFileLayout.EntryKind kind, bool repair) => kind switch
    {
        SessionFileLayout.EntryKind.Leftover => LeftoverProblem(path, repair),
        _ => ForeignProblemOf(path, kind),
    };

    /// <summary>
    /// A journal SessionStore 0.1 left. With <paramref name="repair"/> the session's lock is taken, which
    /// folds a journal that matches its file (see <see cref="OnLocked"/>); one that does not (or is larger
    /// than the session may be) is never applied, and is moved into quarantine so no writer reads it again.
    /// </summary>
    private async ValueTask<StoreProblem?> LegacyJournalProblemCore(string path, bool repair, bool async, CancellationToken cancellationToken)
    {
        string name = Path.GetFileName(path);
        string id = name[1..^SessionFileLayout.LegacyJournalExtension.Length];
        int? appends = LegacyAppendsMatchingTheFile(id);
        if (repair)
        {
            using StripeLock held = await LockCore(id, SessionOperation.Repair, async, cancellationToken).ConfigureAwait(false);
            if (!Platform.TryStatEntry(path, out _, out _))
            {
                return appends is null ? null : new StoreProblem(StoreProblemKind.LegacyJournal, path, id, $"a SessionStore 0.1 journal; its {appends} append(s) were folded into the session's file", Repaired: true);
            }

            appends = LegacyAppendsMatchingTheFile(id);
            if (appends is null)
            {
                string quarantined = HiddenStorage(id, SessionLocation.File(path), SessionOperation.Repair, () => Quarantine.MoveLegacyJournal(Platform, DirectoryPath, id, _options.TimeProvider.GetUtcNow(), DetachedJournal));
                return new StoreProblem(StoreProblemKind.LegacyJournal, path, id, $"{DetachedJournal}; moved to {quarantined}", Repaired: true);
            }
        }

        return new StoreProblem(StoreProblemKind.LegacyJournal, path, id, appends is { } count
            ? $"a SessionStore 0.1 journal with {count} append(s) not yet in the session's file (loads do not show them): verify --repair, or any write to the session, folds them in"
            : $"{DetachedJournal}: never applied; verify --repair moves it into quarantine", Repaired: false);
    }

    private const string DetachedJournal = "a SessionStore 0.1 journal that does not match the session's file (it was replaced or touched after the appends, or is gone) or is larger than a session may be";

    /// <summary>How many appends a 0.1 journal holds for the session's file as it is now; null when it holds none for it.</summary>
    private int? LegacyAppendsMatchingTheFile(string id)
    {
        try
        {
            List<LegacyJournal.Entry>? appends = ReadLegacyAppends(id, out PooledBytes? content);
            content?.Dispose();
            return appends?.Count;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// The appends a SessionStore 0.1 journal holds for the session's file as it is now, and the file's
    /// bytes (the caller disposes them); null when there is no journal, no file, or they do not match.
    /// </summary>
    /// <exception cref="IOException">The journal or the file cannot be read (carries the errno).</exception>
    private protected List<LegacyJournal.Entry>? ReadLegacyAppends(string id, out PooledBytes? content)
    {
        content = null;
        if (Files.StatEntry(id) is not { Type: StatxBuffer.RegularFile } file ||
            LegacyJournal.TryRead(Platform, DirectoryPath, id, file, Files.MaxBytes) is not { } journal ||
            Files.Read(id, out content, out StatxBuffer status, out _) != SessionFiles.Outcome.Read)
        {
            return null;
        }

        List<LegacyJournal.Entry>? appends = LegacyJournal.Parse(journal, content!.Span, status);
        if (appends is null)
        {
            content.Dispose();
            content = null;
        }

        return appends;
    }

    private StoreProblem LeftoverProblem(string path, bool repair)
    {
        string id = SessionFileLayout.LeftoverSessionId(Path.GetFileName(path.AsSpan()))!;
        bool removed = repair && TryRemoveLeftover(id, path);
        return new StoreProblem(StoreProblemKind.LeftoverFile, path, id,
            removed ? "a crashed save's temp file; removed" : "a temp file of a crashed save, or of a save in flight", removed);
    }

    /// <summary>Removes a temp file once it is old enough and no writer of its session is in flight (a writer holds the lock).</summary>
    private bool TryRemoveLeftover(string id, string path)
    {
        if (!Platform.TryStatEntry(path, out StatxBuffer status, out _) || status.Type != StatxBuffer.RegularFile ||
            status.LastWriteTime >= _options.TimeProvider.GetUtcNow() - _options.LeftoverFileAge)
        {
            return false;
        }

        try
        {
            using StripeLock? held = Completed.Result(Files.LockCore(id, TimeSpan.Zero, async: false, CancellationToken.None));
            return held is not null && Platform.Unlink(path) == 0;
        }
        catch (IOException)
        {
            return false;
        }
    }
}

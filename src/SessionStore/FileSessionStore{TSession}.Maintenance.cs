using SessionStore.Storage;

namespace SessionStore;

/// <summary>Keeping a directory healthy: pruning old sessions and checking (and repairing) what is on disk.</summary>
public partial class FileSessionStore<TSession>
{
    /// <summary>Deletes the sessions whose files were last written before <paramref name="cutoff"/>.</summary>
    /// <param name="cutoff">Sessions last written before this instant go.</param>
    /// <param name="dryRun">Only report what would go.</param>
    /// <returns>The ids deleted (or that would be), ordinal-sorted. A session written again meanwhile stays.</returns>
    /// <exception cref="SessionDeleteException">A session could not be removed; the ones before it were.</exception>
    public IReadOnlyList<string> PruneOlderThan(DateTimeOffset cutoff, bool dryRun = false)
    {
        var pruned = new List<string>();
        foreach (string id in List())
        {
            string path = SessionFileLayout.SessionPath(DirectoryPath, id);
            if (!IsOlderThan(path, cutoff))
            {
                continue;
            }

            if (dryRun)
            {
                pruned.Add(id);
                continue;
            }

            using SessionLock held = Lock(id, CancellationToken.None);
            if (IsOlderThan(path, cutoff) && Delete(id, path))
            {
                pruned.Add(id);
            }
        }

        return pruned;
    }

    /// <summary>
    /// Reads every file of the directory and reports corrupt sessions, files of a newer schema, leftovers
    /// of crashed processes and foreign <c>.json</c> files. With <paramref name="repair"/>, corrupt files
    /// are moved into the hidden <c>.quarantine</c> folder (never deleted) and leftovers no one holds are removed.
    /// </summary>
    /// <param name="repair">Fix what can be fixed safely.</param>
    /// <param name="progress">Receives the number of files checked so far, every 1,000 files.</param>
    /// <returns>How many sessions were read, and the problems found.</returns>
    public StoreCheckResult Check(bool repair = false, IProgress<int>? progress = null)
    {
        var problems = new List<StoreProblem>();
        (List<string> leftovers, List<string> foreign) = StoreDirectory.ListOtherFiles(DirectoryPath);
        int checkedFiles = 0;
        foreach (string id in StoreDirectory.ListSessionIds(DirectoryPath, leftoverAge: null))
        {
            string path = SessionFileLayout.SessionPath(DirectoryPath, id);
            try
            {
                _ = TryLoad(id, out _);
            }
            catch (SessionCorruptException corrupt)
            {
                problems.Add(repair
                    ? new StoreProblem(StoreProblemKind.CorruptSession, path, id, $"{corrupt.Reason}; moved to {Quarantine.Move(DirectoryPath, id, path)}", Repaired: true)
                    : new StoreProblem(StoreProblemKind.CorruptSession, path, id, corrupt.Reason, Repaired: false));
            }
            catch (SessionSchemaVersionException newer)
            {
                problems.Add(new StoreProblem(StoreProblemKind.NewerSchema, path, id, newer.Message, Repaired: false));
            }

            if (++checkedFiles % 1000 == 0)
            {
                progress?.Report(checkedFiles);
            }
        }

        foreach (string path in leftovers)
        {
            bool removed = repair && StoreDirectory.TryRemoveLeftover(path, _options.LeftoverFileAge);
            problems.Add(new StoreProblem(StoreProblemKind.LeftoverFile, path, null,
                removed ? "a crashed process's temp file; removed" : "a temp file of a crashed process, or of a save in flight", removed));
        }

        foreach (string path in foreign)
        {
            problems.Add(new StoreProblem(StoreProblemKind.ForeignFile, path, null, "a .json file whose name is not a valid session id; not part of the store", Repaired: false));
        }

        return new StoreCheckResult(checkedFiles, problems);
    }

    private static bool IsOlderThan(string path, DateTimeOffset cutoff)
    {
        DateTime written = File.GetLastWriteTimeUtc(path);
        return written.Year > 1601 && written < cutoff.UtcDateTime;
    }

    private bool Delete(string id, string path)
    {
        try
        {
            return SessionFileRemover.Remove(DirectoryPath, id, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SessionDeleteException(id, path, ex);
        }
    }
}

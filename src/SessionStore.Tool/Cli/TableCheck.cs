namespace SessionStore.Tool.Cli;

/// <summary>
/// <c>verify</c> on a store with no files of its own to inspect (a PostgreSQL table): every session is loaded as the
/// library loads it, and each one that cannot be is a problem (damaged, or of a newer schema than this version reads).
/// Reads only.
/// </summary>
internal static class TableCheck
{
    internal static StoreCheckResult Check(IStoredSessionStore store, IProgress<int> progress)
    {
        var problems = new List<StoreProblem>();
        int checkedCount = 0;
        foreach (string id in store.List())
        {
            try
            {
                _ = store.Load(id);
            }
            catch (SessionCorruptException ex)
            {
                problems.Add(new StoreProblem(StoreProblemKind.CorruptSession, ex.Path, id, ex.Reason, Repaired: false));
            }
            catch (SessionSchemaVersionException ex)
            {
                problems.Add(new StoreProblem(StoreProblemKind.NewerSchema, ex.Location.ToString() + "/" + id, id, Errors.Plain(ex.Message), Repaired: false));
            }
            catch (SessionNotFoundException)
            {
                // Deleted since it was listed: gone, not a problem.
                continue;
            }

            progress.Report(++checkedCount);
        }

        return new StoreCheckResult(checkedCount, problems);
    }
}

namespace SessionStore.Tool.Commands;

/// <summary>What an import would do to each of its sessions, read from the store without writing: for <c>--dry-run</c> and for the question before <c>--overwrite</c> replaces anything.</summary>
internal sealed record ImportPlan(IReadOnlyList<string> New, IReadOnlyList<string> Replaced, IReadOnlyList<string> Unchanged)
{
    internal static ImportPlan Of(IStoredSessionStore store, IEnumerable<StoredSession> sessions)
    {
        List<string> added = [], replaced = [], unchanged = [];
        foreach (StoredSession session in sessions)
        {
            (!store.Exists(session.SessionId) ? added : IsStored(store, session) ? unchanged : replaced).Add(session.SessionId);
        }

        return new ImportPlan(added, replaced, unchanged);
    }

    private static bool IsStored(IStoredSessionStore store, StoredSession session)
    {
        try
        {
            return store.Load(session.SessionId) == session;
        }
        catch (Exception ex) when (ex is SessionCorruptException or SessionSchemaVersionException or SessionNotFoundException)
        {
            return false; // whatever holds the id is not this session: importing it replaces that
        }
    }
}

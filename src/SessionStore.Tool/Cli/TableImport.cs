using System.Text.Json;
using SessionStore.Postgres;

namespace SessionStore.Tool.Cli;

/// <summary>
/// <c>import</c> into a PostgreSQL table with the directory store's promises (<see cref="FileSessionStore{TSession}.Import"/>):
/// the whole batch is checked first (no id twice, none over the size limit, no id holding a different session unless
/// <c>overwrite</c>), so bad input writes nothing; a session already as imported is left untouched, so running the same
/// import again after a crash part-way completes it. The table is created only once the input is known to be good.
/// </summary>
internal static class TableImport
{
    internal static ImportResult Import(PostgresStoredSessionStore store, IReadOnlyList<StoredSession> sessions, bool overwrite)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (StoredSession session in sessions)
        {
            if (!seen.Add(session.SessionId))
            {
                throw new ArgumentException($"Session '{session.SessionId}' occurs more than once in the batch; nothing was written.", nameof(sessions));
            }

            long size = JsonSerializer.SerializeToUtf8Bytes(session, SessionJson.StoredSession).Length;
            if (size > FileSessionStoreOptions.DefaultMaxSessionBytes)
            {
                throw new SessionTooLargeException(session.SessionId, size, FileSessionStoreOptions.DefaultMaxSessionBytes);
            }
        }

        store.EnsureCreated();
        var stored = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (StoredSession session in sessions)
        {
            bool? same = SameAsStored(store, session);
            if (same == false && !overwrite)
            {
                throw Conflict(store, session.SessionId);
            }

            if (same is { } known)
            {
                stored[session.SessionId] = known;
            }
        }

        var added = new List<string>();
        var replaced = new List<string>();
        var unchanged = new List<string>();
        foreach (StoredSession session in sessions)
        {
            if (!stored.TryGetValue(session.SessionId, out bool same))
            {
                // Never over a session that appeared meanwhile: SaveIfMatch(null) saves only where there is none.
                _ = store.SaveIfMatch(session, expectedETag: null);
                added.Add(session.SessionId);
            }
            else if (same)
            {
                unchanged.Add(session.SessionId);
            }
            else
            {
                _ = store.Save(session);
                replaced.Add(session.SessionId);
            }
        }

        return new ImportResult(added, replaced, unchanged);
    }

    /// <summary>Whether the stored session is exactly <paramref name="session"/>; <see langword="null"/> when there is none; a damaged row is different.</summary>
    internal static bool? SameAsStored(IStoredSessionStore store, StoredSession session)
    {
        try
        {
            return store.TryLoad(session.SessionId, out StoredSession? there) ? there == session : null;
        }
        catch (SessionCorruptException)
        {
            return false;
        }
    }

    private static SessionConflictException Conflict(PostgresStoredSessionStore store, string id) =>
        new(id, PostgresSessionStores.LocationOf(store.Table), expectedETag: null, actualETag: null);
}

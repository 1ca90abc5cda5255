using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// The child of the append crash round: it appends message "m&lt;n&gt;" to session "journal" forever
/// (durable), so that the session's messages are always m0, m1, ..., and prints "committed &lt;count&gt;"
/// after each append returns. The session grows all the time, so kills land in appends to a large file too.
/// </summary>
public static class AppendCrashLoop
{
    public const string SessionId = "appended";

    public static int Run(string directory)
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { LockTimeout = TimeSpan.FromSeconds(30) });
        long count = store.TryLoad(SessionId, out StoredSession? existing) ? existing.Messages.Count : 0;
        string padding = new('p', 200);
        while (true)
        {
            store.Append(SessionId, [string.Create(CultureInfo.InvariantCulture, $"m{count} {padding}")], 1, 0);
            count++;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {count}"));
        }
    }

    /// <summary>Whether a loaded session is exactly m0 .. m(n-1), with one input token per message.</summary>
    public static bool IsIntact(StoredSession session)
    {
        for (int i = 0; i < session.Messages.Count; i++)
        {
            if (!session.Messages[i].StartsWith(string.Create(CultureInfo.InvariantCulture, $"m{i} "), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return session.InputTokens == session.Messages.Count;
    }
}

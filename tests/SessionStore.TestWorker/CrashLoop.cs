using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// The child of the crash harness: it updates sessions crash-0 .. crash-(n-1) round-robin forever,
/// each to the next version of <see cref="CrashVersions"/> (large and small alternately), and prints
/// "committed &lt;id&gt; &lt;version&gt;" after each update returns. The parent kills it with SIGKILL at random
/// moments and checks that the directory holds only complete versions, none older than the last printed.
/// </summary>
public static class CrashLoop
{
    public static int Run(string directory, int sessions)
    {
        // Durable: a committed update must survive the kill (it does not need to survive a power cut here, but that is the promise).
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { LockTimeout = TimeSpan.FromSeconds(30) });
        for (long round = 0; ; round++)
        {
            for (int s = 0; s < sessions; s++)
            {
                string id = "crash-" + s.ToString(CultureInfo.InvariantCulture);
                StoredSession saved = store.Update(id, current => CrashVersions.Make(id, current is null ? 1 : CrashVersions.VersionOf(current) + 1));
                string line = $"committed {id} {CrashVersions.VersionOf(saved)} pid {Environment.ProcessId}";
                File.AppendAllText(directory + ".commits.log", line + "\n");
                Console.Out.WriteLine(line);
            }
        }
    }
}

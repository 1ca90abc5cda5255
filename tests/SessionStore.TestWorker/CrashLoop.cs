using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// The child of the crash harness: it moves sessions crash-0 .. crash-(n-1) round-robin forever, each to
/// the next step of <see cref="CrashVersions"/> (a whole rewrite through <c>Update</c>, or a one-message
/// <c>Append</c>), and prints "committed &lt;id&gt; &lt;step&gt;" after each call returns. The parent kills it with SIGKILL at random
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
                long step = store.TryLoad(id, out StoredSession? current) ? CrashVersions.VersionOf(current) + 1 : 1;
                if (CrashVersions.IsRewrite(step))
                {
                    _ = store.Update(id, _ => CrashVersions.Make(id, step));
                }
                else
                {
                    store.Append(id, [CrashVersions.Appended(id, step)], inputTokens: 1, outputTokens: 1);
                }

                string line = $"committed {id} {step} pid {Environment.ProcessId}";
                File.AppendAllText(directory + ".commits.log", line + "\n");
                Console.Out.WriteLine(line);
            }
        }
    }
}

using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// One process of the multi-process load: <c>ops</c> random operations over three id families on a
/// shared directory. Counters (c0-c2) only get Update(+1); churn ids (m0-m9) get Save, TryLoad,
/// Exists, List and Delete; each delete-once id (d0-d199) is deleted once by every process. It prints
/// "inc &lt;id&gt;" per increment and "won &lt;id&gt;" per delete that returned true; any exception that is not
/// documented for the operation ends the process with exit code 1 and the exception on stderr.
/// </summary>
public static class MixedLoad
{
    public const int DeleteOnceIds = 200;

    public static int Run(string directory, int seed, int ops)
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMinutes(1) });
        var random = new Random(seed);
        var output = new System.Text.StringBuilder();
        int[] deleteOrder = Enumerable.Range(0, DeleteOnceIds).OrderBy(_ => random.Next()).ToArray();
        int nextDelete = 0;
        for (int op = 0; op < ops; op++)
        {
            string churn = "m" + random.Next(10).ToString(CultureInfo.InvariantCulture);
            switch (random.Next(8))
            {
                case 0:
                case 1:
                    string counter = "c" + random.Next(3).ToString(CultureInfo.InvariantCulture);
                    store.Update(counter, s => s is null ? new StoredSession(counter, [], 1, 0) : s with { InputTokens = s.InputTokens + 1 });
                    output.Append("inc ").Append(counter).Append('\n');
                    break;
                case 2:
                    store.Save(new StoredSession(churn, [seed.ToString(CultureInfo.InvariantCulture), op.ToString(CultureInfo.InvariantCulture)], op, seed));
                    break;
                case 3:
                    _ = store.TryLoad(churn, out _);
                    break;
                case 4:
                    _ = store.Exists(churn);
                    _ = store.List();
                    break;
                case 5:
                    _ = store.Delete(churn);
                    break;
                default:
                    if (nextDelete < DeleteOnceIds)
                    {
                        string doomed = "d" + deleteOrder[nextDelete++].ToString(CultureInfo.InvariantCulture);
                        if (store.Delete(doomed))
                        {
                            output.Append("won ").Append(doomed).Append('\n');
                        }
                    }

                    break;
            }
        }

        while (nextDelete < DeleteOnceIds)
        {
            string doomed = "d" + deleteOrder[nextDelete++].ToString(CultureInfo.InvariantCulture);
            if (store.Delete(doomed))
            {
                output.Append("won ").Append(doomed).Append('\n');
            }
        }

        Console.Out.Write(output);
        return 0;
    }
}

using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// The child of the kill-during-an-operation tests: it prints "ready", then runs one kind of operation on
/// the directory until it is killed, printing "committed &lt;what&gt;" after each call returns. The parent
/// kills it with SIGKILL at a random moment and checks what the operation promises.
/// </summary>
public static class OperationCrashLoop
{
    /// <summary>How many sessions an import brings in: enough that a kill lands part-way.</summary>
    public const int ImportSize = 1000;

    public static int Run(string operation, string directory)
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { LockTimeout = TimeSpan.FromSeconds(30) });
        Console.Out.WriteLine("ready");
        switch (operation)
        {
            case "fork":
                for (int n = store.List().Count; ; n++)
                {
                    Committed(store.Fork("source", ForkId(n)));
                }

            case "delete":
                for (int n = 0; ; n++)
                {
                    string id = "d-" + n.ToString(CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
                    _ = store.Save(CrashVersions.Make(id, 6));
                    Committed("saved " + id);
                    _ = store.Delete(id);
                    Committed("deleted " + id);
                }

            case "repair":
                while (true)
                {
                    StoreCheckResult result = store.Check(repair: true);
                    Committed($"checked {result.SessionsChecked}");
                }

            case "import":
                ImportResult imported = store.Import(ImportBatch());
                Committed($"imported {imported.Added.Count}");
                return 0;

            default:
                Console.Error.WriteLine($"unknown operation '{operation}'");
                return 2;
        }
    }

    public static string ForkId(int n) => "fork-" + n.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sessions the import brings in; the same every time, so it can be run again.</summary>
    public static StoredSession[] ImportBatch() =>
        Enumerable.Range(0, ImportSize).Select(i => CrashVersions.Make("imp-" + i.ToString("d4", CultureInfo.InvariantCulture), 5 + (i % 4))).ToArray();

    private static void Committed(string what) => Console.Out.WriteLine("committed " + what);
}

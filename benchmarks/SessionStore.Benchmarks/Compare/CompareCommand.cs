using System.Diagnostics;
using System.Globalization;
using SessionStore.Benchmarks.Baselines;

namespace SessionStore.Benchmarks.Compare;

/// <summary>
/// One fixed workload (N sessions of M messages: save all, list, load all, delete all) through our
/// store and its peers, each in its own process so peak memory is its own, and one table of the
/// results with ratios to our store. Then every operation against the floor and the Python module
/// (<see cref="OperationsTable"/>).
/// </summary>
public static class CompareCommand
{
    private static readonly string[] Variants = ["sessionstore", "sessionstore-fast", "floor", "floor-fast", "naive", "sqlite", "sqlite-fast", "python", "postgres"];

    /// <summary>A PostgreSQL connection string; without it the postgres column is left out.</summary>
    private static readonly string? Postgres = Environment.GetEnvironmentVariable("SESSIONSTORE_POSTGRES");

    public static int Run(string[] args)
    {
        if (args is ["ops", .. var opsArgs])
        {
            OperationsTable.Print(opsArgs.Length > 0 ? int.Parse(opsArgs[0], CultureInfo.InvariantCulture) : 1_000, Run, SeedDirectory());
            return 0;
        }

        int sessions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
        int messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        Console.WriteLine($"workload: {sessions} sessions of {messages} messages: save all, list, load all, delete all (durable unless -fast; naive is never durable)");
        var results = new Dictionary<string, Measurement>();
        foreach (string variant in Variants.Where(v => v != "postgres" || !string.IsNullOrEmpty(Postgres)))
        {
            string directory = Sessions.NewDirectory(variant);
            try
            {
                results[variant] = variant == "python" ? RunPython(directory, sessions, messages) : RunChild(variant, directory, sessions, messages);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        Measurement ours = results["sessionstore"];
        Measurement oursFast = results["sessionstore-fast"];
        Console.WriteLine();
        Console.WriteLine("| variant | save µs/op | list ms | load µs/op | delete µs/op | peak MB | save vs ours | load vs ours |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach ((string variant, Measurement m) in results)
        {
            Measurement reference = variant.EndsWith("-fast", StringComparison.Ordinal) || variant == "naive" ? oursFast : ours;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variant} | {m.SaveMicros:0.0} | {m.ListMillis:0.00} | {m.LoadMicros:0.0} | {m.DeleteMicros:0.0} | {m.PeakMegabytes:0} | {m.SaveMicros / reference.SaveMicros:0.00}x | {m.LoadMicros / reference.LoadMicros:0.00}x |"));
        }

        Console.WriteLine();
        Console.WriteLine("ratios compare durable rows (postgres: synchronous_commit on, over loopback) with sessionstore and -fast/naive rows with sessionstore-fast; above 1 means slower than ours");
        OperationsTable.Print(sessions, Run, SeedDirectory());
        return 0;
    }

    /// <summary>The child process of one C# variant: runs the workload and prints "save list load delete peak".</summary>
    public static int RunVariant(string variant, string directory, int sessions, int messages)
    {
        bool durable = !variant.EndsWith("-fast", StringComparison.Ordinal);
        StoredSession[] all = Enumerable.Range(0, sessions).Select(i => Sessions.Make("s" + i.ToString("D6", CultureInfo.InvariantCulture), messages)).ToArray();

        // Warm up first (tiered JIT, caches), as BenchmarkDotNet would, on other ids; then measure.
        StoredSession[] warmup = all.Take(Math.Max(1, sessions / 10)).Select(s => s with { SessionId = "w" + s.SessionId }).ToArray();
        Action<StoredSession> save;
        Func<int> list;
        Action<string> load;
        Action<string> delete;
        IDisposable? owned = null;
        switch (variant)
        {
            case "sessionstore" or "sessionstore-fast":
                var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = durable });
                (save, list, load, delete) = (s => store.Save(s), () => store.List().Count, id => store.Load(id), id => store.Delete(id));
                break;
            case "floor" or "floor-fast":
                var bytes = all.Concat(warmup).ToDictionary(s => s.SessionId, s => System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(s)));
                (save, list, load, delete) = (s => Floor.Write(directory, s.SessionId + ".json", bytes[s.SessionId], durable),
                    () => Directory.EnumerateFiles(directory).Count(), id => Floor.Read(directory, id + ".json"), id => File.Delete(Path.Join(directory, id + ".json")));
                break;
            case "naive":
                var naive = new NaiveStore(directory);
                (save, list, load, delete) = (naive.Save, () => naive.List().Count, id => naive.Load(id), naive.Delete);
                break;
            case "postgres":
                var dataSource = new Npgsql.NpgsqlSlimDataSourceBuilder(Postgres!).Build();
                var pg = SessionStore.Postgres.PostgresSessionStores.ForStoredSessions(dataSource, "compare_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                owned = dataSource;
                (save, list, load, delete) = (s => pg.Save(s), () => pg.List().Count, id => pg.Load(id), id => pg.Delete(id));
                break;
            case "sqlite" or "sqlite-fast":
                var sqlite = new SqliteStore(Path.Join(directory, "sessions.db"), durable);
                owned = sqlite;
                (save, list, load, delete) = (sqlite.Save, () => sqlite.List().Count, id => sqlite.Load(id), id => sqlite.Delete(id));
                break;
            default:
                throw new ArgumentException("unknown variant " + variant);
        }

        using (owned)
        {
            _ = Measure(warmup, save, list, load, delete, variant);
            Measurement m = Measure(all, save, list, load, delete, variant);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.SaveMicros} {m.ListMillis} {m.LoadMicros} {m.DeleteMicros} {PeakMegabytes()}"));
        }

        return 0;
    }

    private static Measurement Measure(StoredSession[] all, Action<StoredSession> save, Func<int> list, Action<string> load, Action<string> delete, string variant)
    {
        var clock = Stopwatch.StartNew();
        foreach (StoredSession s in all)
        {
            save(s);
        }

        double saveMicros = clock.Elapsed.TotalMicroseconds / all.Length;
        clock.Restart();
        int listed = list();
        double listMillis = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        foreach (StoredSession s in all)
        {
            load(s.SessionId);
        }

        double loadMicros = clock.Elapsed.TotalMicroseconds / all.Length;
        clock.Restart();
        foreach (StoredSession s in all)
        {
            delete(s.SessionId);
        }

        double deleteMicros = clock.Elapsed.TotalMicroseconds / all.Length;
        return listed >= all.Length
            ? new Measurement(saveMicros, listMillis, loadMicros, deleteMicros, 0)
            : throw new InvalidOperationException($"{variant} listed {listed} of {all.Length}");
    }

    private static Measurement RunChild(string variant, string directory, int sessions, int messages)
    {
        string output = Run("dotnet", typeof(CompareCommand).Assembly.Location, "compare-variant", variant, directory,
            sessions.ToString(CultureInfo.InvariantCulture), messages.ToString(CultureInfo.InvariantCulture));
        return Measurement.Parse(output);
    }

    private static Measurement RunPython(string directory, int sessions, int messages) =>
        Measurement.Parse(Run("python3", "-c", PythonScript, directory, sessions.ToString(CultureInfo.InvariantCulture), messages.ToString(CultureInfo.InvariantCulture), SeedDirectory()));

    private static double PeakMegabytes()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private static string SeedDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Join(dir.FullName, "SessionStore.sln")))
            {
                return Path.GetFullPath(Path.Join(dir.FullName, "..", "shared", "seed"));
            }
        }

        throw new InvalidOperationException("run from the repository");
    }

    private static string Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} failed: {error}");
    }

    private const string PythonScript = """
        import sys, time, resource
        directory, sessions, messages, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
        sys.path.insert(0, seed)
        from pathlib import Path
        from session_store import StoredSession, save_session, load_session, list_sessions, delete_session
        d = Path(directory)
        all = [StoredSession("s%06d" % i, tuple("message %d: the quick brown fox jumps over the lazy dog, turn %d" % (j, j) for j in range(messages)), messages * 10, messages * 20) for i in range(sessions)]
        t = time.perf_counter()
        for s in all: save_session(s, d)
        save = (time.perf_counter() - t) * 1e6 / sessions
        t = time.perf_counter(); n = len(list_sessions(d)); lst = (time.perf_counter() - t) * 1e3
        t = time.perf_counter()
        for s in all: load_session(s.session_id, d)
        load = (time.perf_counter() - t) * 1e6 / sessions
        t = time.perf_counter()
        for s in all: delete_session(s.session_id, d)
        delete = (time.perf_counter() - t) * 1e6 / sessions
        print(save, lst, load, delete, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        """;
}

/// <summary>One variant's figures.</summary>
public sealed record Measurement(double SaveMicros, double ListMillis, double LoadMicros, double DeleteMicros, double PeakMegabytes)
{
    public static Measurement Parse(string line)
    {
        double[] v = line.Trim().Split(' ').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        return new Measurement(v[0], v[1], v[2], v[3], v[4]);
    }
}

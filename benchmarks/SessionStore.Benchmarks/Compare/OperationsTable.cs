using System.Diagnostics;
using System.Globalization;
using SessionStore.Benchmarks.Baselines;

namespace SessionStore.Benchmarks.Compare;

/// <summary>
/// Every operation, one row each, for our store, the floor (the same bytes through the fewest system
/// calls: <see cref="Floor"/>, File.Exists, File.Delete, Directory.EnumerateFiles, one pwrite for an
/// append) and the Python module, each in its own process, in one run: best of 3 after a warm-up, in each of 3 rounds that
/// alternate the columns.
/// </summary>
public static class OperationsTable
{
    private static readonly string[] Operations =
        ["save", "durable save", "load 10", "load 100", "load 1,000", "load 10,000", "list", "exists", "delete", "append to 10", "append to 10,000"];

    private static readonly string Turn = "one more turn: the quick brown fox jumps over the lazy dog";

    public static void Print(int sessions, Func<string, string[], string> run, string seed)
    {
        // Three rounds, the columns taking turns, the best of each kept: the disk's speed on a shared
        // machine drifts within minutes, and no column should get all of a fast or a slow phase.
        var columns = new Dictionary<string, Dictionary<string, double>>();
        for (int round = 0; round < 3; round++)
        {
            foreach (string variant in new[] { "sessionstore", "floor", "python" })
            {
                string directory = Sessions.NewDirectory("ops-" + variant);
                try
                {
                    string output = variant == "python"
                        ? run("python3", ["-c", PythonScript, directory, sessions.ToString(CultureInfo.InvariantCulture), seed])
                        : run("dotnet", [typeof(OperationsTable).Assembly.Location, "compare-ops", variant, directory, sessions.ToString(CultureInfo.InvariantCulture)]);
                    Dictionary<string, double> best = columns.TryGetValue(variant, out var earlier) ? earlier : columns[variant] = [];
                    foreach (string[] f in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')))
                    {
                        double micros = double.Parse(f[1], CultureInfo.InvariantCulture);
                        best[f[0]] = best.TryGetValue(f[0], out double before) ? Math.Min(before, micros) : micros;
                    }
                }
                finally
                {
                    Directory.Delete(directory, recursive: true);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"every operation, µs per call (best of 3 rounds of best of 3 after a warm-up; {sessions} sessions of 100 messages for save, list, exists and delete; durable only where it says; python is never durable)");
        Console.WriteLine("| operation | sessionstore | floor | python | ours / floor | python / ours |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (string op in Operations)
        {
            double ours = columns["sessionstore"][op], floor = columns["floor"][op], python = columns["python"][op];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {op} | {ours:0.0} | {floor:0.0} | {python:0.0} | {ours / floor:0.00}x | {python / ours:0.00}x |"));
        }
    }

    /// <summary>The child process of one C# column: prints "operation\tµs" lines.</summary>
    public static int Run(string variant, string directory, int sessions)
    {
        bool ours = variant == "sessionstore";
        var fast = new FileSessionStore(Path.Join(directory, "fast"), new FileSessionStoreOptions { Durable = false });
        var durable = new FileSessionStore(Path.Join(directory, "durable"));
        StoredSession[] all = Enumerable.Range(0, sessions).Select(i => Sessions.Make("s" + i.ToString("D6", CultureInfo.InvariantCulture), 100)).ToArray();
        Dictionary<string, byte[]> bytes = all.ToDictionary(s => s.SessionId, s => File.ReadAllBytes(fast.Save(s)));
        foreach (StoredSession s in all)
        {
            fast.Delete(s.SessionId);
        }

        Directory.CreateDirectory(durable.DirectoryPath);
        void Save(FileSessionStore store, StoredSession s, bool isDurable)
        {
            if (ours)
            {
                store.Save(s);
            }
            else
            {
                Floor.Write(store.DirectoryPath, s.SessionId + ".json", bytes[s.SessionId], isDurable);
            }
        }

        Report("save", Best(() => Each(all, s => Save(fast, s, false))) / all.Length);
        StoredSession[] some = all[..Math.Max(1, all.Length / 4)];
        Report("durable save", Best(() => Each(some, s => Save(durable, s, true))) / some.Length);
        foreach (int n in new[] { 10, 100, 1_000, 10_000 })
        {
            StoredSession big = Sessions.Make("m" + n, n);
            string file = fast.Save(big);
            int times = Math.Max(20, 200_000 / n);
            Action load = ours ? () => fast.Load(big.SessionId) : () => Floor.Read(fast.DirectoryPath, big.SessionId + ".json");
            Report("load " + n.ToString("N0", CultureInfo.InvariantCulture), Best(() => Repeat(times, load)) / times);
            File.Delete(file);
        }

        Report("list", Best(() => Repeat(20, () => _ = ours ? fast.List().Count : Directory.EnumerateFiles(fast.DirectoryPath).Count())) / 20);
        Report("exists", Best(() => Repeat(20_000, () => _ = ours ? fast.Exists("s000001") : File.Exists(Path.Join(fast.DirectoryPath, "s000001.json")))) / 20_000);
        double delete = double.MaxValue;
        for (int round = 0; round < 4; round++)
        {
            Each(all, s => Save(fast, s, false));
            double took = Time(() => Each(all, s => _ = ours ? fast.Delete(s.SessionId) : Delete(Path.Join(fast.DirectoryPath, s.SessionId + ".json"))));
            delete = round == 0 ? delete : Math.Min(delete, took);
        }

        Report("delete", delete / all.Length);
        foreach (int n in new[] { 10, 10_000 })
        {
            StoredSession session = Sessions.Make("a" + n, n);
            string file = durable.Save(session);
            byte[] tail = System.Text.Encoding.ASCII.GetBytes(",\n    \"" + Turn + "\"\n  ],\n  \"input_tokens\": 1,\n  \"output_tokens\": 1\n}");
            Action append = ours
                ? () => durable.Append(session.SessionId, [Turn], 1, 1)
                : () => AppendFloor(file, tail);
            Report("append to " + n.ToString("N0", CultureInfo.InvariantCulture), Best(() => Repeat(100, append)) / 100);
        }

        return 0;
    }

    private static bool Delete(string path)
    {
        File.Delete(path);
        return true;
    }

    /// <summary>The least an in-place durable append can do: write the new tail where the old one starts, and fsync.</summary>
    private static void AppendFloor(string path, byte[] tail)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        RandomAccess.Write(handle, tail, RandomAccess.GetLength(handle) - 60);
        RandomAccess.FlushToDisk(handle);
    }

    private static void Each(StoredSession[] all, Action<StoredSession> action)
    {
        foreach (StoredSession s in all)
        {
            action(s);
        }
    }

    private static void Repeat(int times, Action action)
    {
        for (int i = 0; i < times; i++)
        {
            action();
        }
    }

    /// <summary>µs of the fastest of 3 runs after one warm-up run.</summary>
    private static double Best(Action run)
    {
        run();
        return Enumerable.Range(0, 3).Min(_ => Time(run));
    }

    private static double Time(Action run)
    {
        var clock = Stopwatch.StartNew();
        run();
        return clock.Elapsed.TotalMicroseconds;
    }

    private static void Report(string operation, double micros) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation}\t{micros}"));

    private const string PythonScript = """
        import sys, time
        directory, sessions, seed = sys.argv[1], int(sys.argv[2]), sys.argv[3]
        sys.path.insert(0, seed)
        from pathlib import Path
        from session_store import StoredSession, save_session, load_session, list_sessions, session_exists, delete_session
        d = Path(directory) / "fast"
        def make(i, n): return StoredSession(i, tuple("message %d: the quick brown fox jumps over the lazy dog, turn %d" % (j, j) for j in range(n)), n * 10, n * 20)
        def best(run):
            run()
            r = []
            for _ in range(3):
                t = time.perf_counter(); run(); r.append((time.perf_counter() - t) * 1e6)
            return min(r)
        def each(xs, f):
            for x in xs: f(x)
        def repeat(n, f):
            for _ in range(n): f()
        all = [make("s%06d" % i, 100) for i in range(sessions)]
        some = all[:max(1, sessions // 4)]
        print("save\t%r" % (best(lambda: each(all, lambda s: save_session(s, d))) / len(all)))
        print("durable save\t%r" % (best(lambda: each(some, lambda s: save_session(s, d))) / len(some)))
        for n in (10, 100, 1000, 10000):
            s = make("m%d" % n, n); save_session(s, d); times = max(20, 200000 // n)
            print("load %s\t%r" % (format(n, ","), best(lambda: repeat(times, lambda: load_session(s.session_id, d))) / times))
            (d / ("m%d.json" % n)).unlink()
        print("list\t%r" % (best(lambda: repeat(20, lambda: list_sessions(d))) / 20))
        print("exists\t%r" % (best(lambda: repeat(20000, lambda: session_exists("s000001", d))) / 20000))
        r = []
        for round in range(4):
            each(all, lambda s: save_session(s, d))
            t = time.perf_counter(); each(all, lambda s: delete_session(s.session_id, d)); r.append((time.perf_counter() - t) * 1e6)
        print("delete\t%r" % (min(r[1:]) / len(all)))
        turn = "one more turn: the quick brown fox jumps over the lazy dog"
        for n in (10, 10000):
            msgs = list(make("a", n).messages)
            def resave():
                msgs.append(turn); save_session(StoredSession("a%d" % n, tuple(msgs), 1, 1), d)
            print("append to %s\t%r" % (format(n, ","), best(lambda: repeat(100, resave)) / 100))
        """;
}

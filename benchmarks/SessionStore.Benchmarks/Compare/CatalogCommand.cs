using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SessionStore.Index;

namespace SessionStore.Benchmarks.Compare;

/// <summary>
/// The catalog beside its peers, in one run (issue 24): <c>dotnet run -c Release -- catalog DIR</c> over a store of
/// reference-format sessions (benchmarks/generate-catalog-store.py makes 100,000 of 100 messages). Prints each figure, the
/// peers' (<c>ls -t | head -20</c>, a Python scan, a plain SQLite table) and the write costs with and without the index.
/// </summary>
internal static class CatalogCommand
{
    private static readonly SqliteSessionIndexProvider Provider = new();

    internal static int Run(string[] args)
    {
        string directory = Path.GetFullPath(args is [var d, ..] ? d : "/tmp/hidx-bench-100k");
        var options = new FileSessionStoreOptions { Durable = false, Index = Provider };
        int sessions = new FileSessionStore(directory).List().Count;
        Console.WriteLine($"catalog of {directory}: {sessions:N0} sessions");

        if (Directory.Exists(Path.Join(directory, ".index")))
        {
            Directory.Delete(Path.Join(directory, ".index"), recursive: true);
        }
        var store = new FileSessionStore(directory, options);
        double build = Time(() => store.Rebuild());
        Row("build the index from scratch (Rebuild)", build, 60_000);

        // 1% of the sessions get a tag and an owner (caller metadata, O(1) each).
        var ids = store.List();
        double tagging = Time(() =>
        {
            for (int i = 0; i < ids.Count; i += 100)
            {
                store.UpdateMetadata(ids[i], new SessionMetadataChange { AddTags = ["vip"], Owner = i % 200 == 0 ? "alice" : "bob" });
            }
        });
        Row($"UpdateMetadata ({ids.Count / 100:N0} sessions), per call", tagging / (ids.Count / 100.0), null);

        var fresh = new FileSessionStore(directory, options);
        Row("20 most recent, cold (new store instance: open + first-query sweep)", Time(() => fresh.Query(new SessionQuery { PageSize = 20 })), 200);
        Row("20 most recent, warm (median of 50)", Median(50, () => fresh.Query(new SessionQuery { PageSize = 20 })), 20);
        Row("20 most recent, process (dotnet, whole process, JIT)", ProcessMs("dotnet", [typeof(CatalogCommand).Assembly.Location, "catalog-cold", directory]), 200);
        Row("page through all by recency (pages of 1000)", Time(() =>
        {
            string? token = null;
            int seen = 0;
            do
            {
                SessionQueryPage page = fresh.Query(new SessionQuery { PageSize = 1000, PageToken = token });
                seen += page.Sessions.Count;
                token = page.NextPageToken;
            }
            while (token is not null);
            if (seen != sessions)
            {
                throw new InvalidOperationException($"walked {seen} of {sessions}");
            }
        }), 2_000);
        Row("tag + owner page of 20 (median of 50)", Median(50, () => fresh.Query(new SessionQuery { Tags = ["vip"], Owner = "alice", PageSize = 20 })), 20);
        Row("full-text: rare word, page of 20 (median of 20)", Median(20, () => fresh.Search("kubernetes", new SessionQuery { PageSize = 20 })), 100);
        string common = FirstWord(directory);
        Row($"full-text: common word '{common}', page of 20 (median of 5)", Median(5, () => fresh.Search(common, new SessionQuery { PageSize = 20 })), 100);
        Row("full-text: two words, page of 20 (median of 5)", Median(5, () => fresh.Search("kubernetes " + common, new SessionQuery { PageSize = 20 })), 100);

        Console.WriteLine("peers");
        Row("ls -t | head -20 (whole process)", ProcessMs("bash", ["-c", $"cd '{directory}' && ls -t | head -20 > /dev/null"]), null);
        Row("python3: scandir + stat + sort, top 20 (whole process)", ProcessMs("python3", ["-c",
            $"import os; e=[(x.stat().st_mtime, x.name) for x in os.scandir('{directory}') if x.name.endswith('.json')]; e.sort(reverse=True); print(e[:20])"]), null);
        Row("plain SQLite table (id, updated) + index: top 20 (median of 50)", PlainSqlite(sessions), null);

        return Writes();
    }

    /// <summary>The write costs alone (<c>-- catalog-writes</c>): a save and an append with and without the index, durable and not.</summary>
    internal static int Writes()
    {
        Console.WriteLine("write costs (1,000 sessions of 100 messages, 200 saves and 200 appends each)");
        foreach (bool durable in (bool[])[false, true])
        {
            (double save, double append) without = WriteCost(durable, index: false);
            (double save, double append) with = WriteCost(durable, index: true);
            string kind = durable ? "durable" : "non-durable";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  save   {kind,-11}: {without.save,8:F3} ms without, {with.save,8:F3} ms with the index: +{(with.save / without.save - 1) * 100,5:F0}% (target <= {(durable ? 15 : 30)}%)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  append {kind,-11}: {without.append,8:F3} ms without, {with.append,8:F3} ms with the index: +{(with.append / without.append - 1) * 100,5:F0}% (target <= {(durable ? 15 : 30)}%)"));
        }

        return 0;
    }

    /// <summary>The child of the cold figure: a new process's first query.</summary>
    internal static int Cold(string directory)
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Index = Provider });
        Console.WriteLine(store.Query(new SessionQuery { PageSize = 20 }).Sessions.Count);
        return 0;
    }

    private static (double Save, double Append) WriteCost(bool durable, bool index)
    {
        string directory = Directory.CreateTempSubdirectory("catalog-cost-").FullName;
        try
        {
            var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = durable, Index = index ? Provider : null });
            string[] messages = [.. Enumerable.Range(0, 100).Select(i => $"Message {i} of a session with some ordinary words in it, like a chat turn")];
            for (int i = 0; i < 1000; i++)
            {
                store.Save(new StoredSession("c" + i.ToString(CultureInfo.InvariantCulture), messages, 1, 1));
            }

            if (index)
            {
                _ = store.Query(new SessionQuery());
            }

            double save = Time(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    store.Save(new StoredSession("c" + (i * 5).ToString(CultureInfo.InvariantCulture), messages, 2, 2));
                }
            }) / 200;
            double append = Time(() =>
            {
                for (int i = 0; i < 200; i++)
                {
                    store.Append("c" + (i * 5 + 1).ToString(CultureInfo.InvariantCulture), ["one more message in the conversation"], 1, 1);
                }
            }) / 200;
            return (save, append);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double PlainSqlite(int rows)
    {
        string path = Path.Join(Path.GetTempPath(), "catalog-plain-" + Environment.ProcessId + ".db");
        using var db = new SqliteConnection($"Data Source={path};Pooling=False");
        db.Open();
        using (SqliteCommand create = db.CreateCommand())
        {
            create.CommandText = "CREATE TABLE s(id TEXT PRIMARY KEY, updated INTEGER NOT NULL); CREATE INDEX s_u ON s(updated DESC, id);";
            create.ExecuteNonQuery();
        }

        using (SqliteTransaction transaction = db.BeginTransaction())
        using (SqliteCommand insert = db.CreateCommand())
        {
            insert.CommandText = "INSERT INTO s VALUES ($id, $u)";
            SqliteParameter id = insert.Parameters.Add("$id", SqliteType.Text);
            SqliteParameter updated = insert.Parameters.Add("$u", SqliteType.Integer);
            for (int i = 0; i < rows; i++)
            {
                id.Value = "s" + i.ToString("D6", CultureInfo.InvariantCulture);
                updated.Value = i;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        double ms = Median(50, () =>
        {
            using SqliteCommand top = db.CreateCommand();
            top.CommandText = "SELECT id, updated FROM s ORDER BY updated DESC, id LIMIT 20";
            using SqliteDataReader reader = top.ExecuteReader();
            while (reader.Read())
            {
            }
        });
        db.Close();
        File.Delete(path);
        return ms;
    }

    private static string FirstWord(string directory)
    {
        string first = new FileSessionStore(directory).Load("s000000").Messages[0];
        return first.Split(' ')[1];
    }

    private static double ProcessMs(string file, string[] arguments)
    {
        var times = new List<double>();
        for (int i = 0; i < 3; i++)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var watch = Stopwatch.StartNew();
            using Process process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[1];
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Time(Func<object> action) => Time(() => { _ = action(); });

    private static double Median(int runs, Action action)
    {
        var times = Enumerable.Range(0, runs).Select(_ => Time(action)).Order().ToList();
        return times[runs / 2];
    }

    private static double Median(int runs, Func<object> action) => Median(runs, () => { _ = action(); });

    private static void Row(string what, double ms, double? target) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-72} {ms,10:F1} ms{(target is { } t ? $"   target {t:N0} ms: {(ms <= t ? "met" : $"missed by {ms / t:F1}x")}" : "")}"));
}

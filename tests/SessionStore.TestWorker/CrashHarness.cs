using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// Runs <see cref="CrashLoop"/> in a child process and kills it with SIGKILL at random moments. After
/// every kill it checks the directory: every session file loads, equals a step that was written, is
/// not older than the last rewrite or append the child reported as returned (no acknowledged append
/// is missing), and the API shows no temp or lock file. The next child then starts on the same directory.
/// </summary>
public static class CrashHarness
{
    public sealed record Report(int Kills, long WritesCommitted, long AppendsCommitted, long FilesVerified, int MostLeftoverTempFiles, TimeSpan Elapsed, int ForeignSaves = 0, int ForeignDeletes = 0);

    /// <param name="foreign">When set, after a third of the kills the Python module saves one session back a step
    /// in place, and after a sixth it deletes one, before any writer of ours runs; the harness then checks that
    /// exactly what Python left is there (no crashed append comes back) and continues from it.</param>
    public static Report Run(string directory, int kills, int sessions, int seed, Action<string> log, ForeignWriter? foreign = null)
    {
        int foreignSaves = 0, foreignDeletes = 0;
        var random = new Random(seed);
        var lastCommitted = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var lastObserved = new Dictionary<string, long>(StringComparer.Ordinal);
        long updates = 0, appends = 0, verified = 0;
        int leftovers = 0;
        var clock = Stopwatch.StartNew();
        string worker = typeof(CrashHarness).Assembly.Location;

        for (int kill = 1; kill <= kills; kill++)
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { worker, "crash-loop", directory, sessions.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            using Process child = Process.Start(info)!;
            using var started = new ManualResetEventSlim();
            long committedThisRun = 0, appendsThisRun = 0;
            child.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { } line && line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    string[] parts = line.Split(' ');
                    long version = long.Parse(parts[2], CultureInfo.InvariantCulture);
                    lastCommitted.AddOrUpdate(parts[1], version, (_, old) => Math.Max(old, version));
                    Interlocked.Increment(ref committedThisRun);
                    if (!CrashVersions.IsRewrite(version))
                    {
                        Interlocked.Increment(ref appendsThisRun);
                    }

                    started.Set();
                }
            };
            Task<string> errors = child.StandardError.ReadToEndAsync();
            child.BeginOutputReadLine();

            if (!started.Wait(TimeSpan.FromSeconds(60)))
            {
                child.Kill();
                throw new InvalidOperationException($"kill {kill}: the child committed nothing in 60 s: {errors.Result}");
            }

            Thread.Sleep(random.Next(0, 250));
            child.Kill(); // SIGKILL on Unix
            child.WaitForExit(); // also drains the redirected output
            updates += Interlocked.Read(ref committedThisRun);
            appends += Interlocked.Read(ref appendsThisRun);

            (long files, int temps) = Verify(directory, lastCommitted, lastObserved, kill);
            verified += files;
            leftovers = Math.Max(leftovers, temps);
            if (foreign is not null && random.Next(6) is var roll && roll < 3)
            {
                string id = "crash-" + random.Next(sessions).ToString(CultureInfo.InvariantCulture);
                long at = lastObserved.GetValueOrDefault(id);
                StoredSession? left = roll == 0 || at <= 1 ? null : CrashVersions.Make(id, at - 1);
                if (left is null)
                {
                    foreign.Delete(id);
                    foreignDeletes++;
                }
                else
                {
                    foreign.Save(left);
                    foreignSaves++;
                }

                var store = new FileSessionStore(directory);
                _ = store.Check(repair: true); // every stripe's writer recovery runs here, before the next child
                StoredSession? now = store.TryLoad(id, out StoredSession? loaded) ? loaded : null;
                if (!Equals(now, left))
                {
                    throw new InvalidOperationException($"kill {kill}: after Python {(left is null ? "deleted" : $"saved step {at - 1} of")} {id}, the store shows {(now is null ? "nothing" : $"step {CrashVersions.VersionOf(now)}")}");
                }

                long step = left is null ? 0 : at - 1;
                lastCommitted[id] = step;
                lastObserved[id] = step;
            }

            if (kill % 50 == 0 || kill == kills)
            {
                log($"kill {kill}/{kills}: {updates} writes committed ({appends} of them appends), {verified} files verified, {foreignSaves} Python saves and {foreignDeletes} Python deletes between kills, at most {leftovers} leftover temp files on disk at once, {clock.Elapsed.TotalSeconds:0.0} s");
            }
        }

        return new Report(kills, updates, appends, verified, leftovers, clock.Elapsed, foreignSaves, foreignDeletes);
    }

    private static (long Files, int Temps) Verify(
        string directory, ConcurrentDictionary<string, long> lastCommitted, Dictionary<string, long> lastObserved, int kill)
    {
        var store = new FileSessionStore(directory);
        IReadOnlyList<string> ids = store.List();
        foreach (string id in ids)
        {
            if (!id.StartsWith("crash-", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"kill {kill}: List shows '{id}', which no one wrote");
            }

            StoredSession session = store.Load(id); // throws SessionCorruptException on a torn file
            long version = CrashVersions.VersionOf(session);
            if (!session.Equals(CrashVersions.Make(id, version)))
            {
                throw new InvalidOperationException($"kill {kill}: {id} holds content that no version had");
            }

            // Not older than the last write that returned; newer by at most the one write the kill interrupted
            // after it reached the file but before it could report (each run adds at most one such).
            long committed = lastCommitted.GetValueOrDefault(id);
            long previous = Math.Max(committed, lastObserved.GetValueOrDefault(id));
            if (version < committed || version < lastObserved.GetValueOrDefault(id) || version > previous + 1)
            {
                string[] tail = File.Exists(directory + ".commits.log") ? File.ReadAllLines(directory + ".commits.log").Where(l => l.Contains(id + " ", StringComparison.Ordinal)).TakeLast(6).ToArray() : [];
                throw new InvalidOperationException(
                    $"kill {kill}: {id} is at version {version}; committed {committed}, last seen {lastObserved.GetValueOrDefault(id)}; the child's own log ends: {string.Join(" | ", tail)}");
            }

            lastObserved[id] = version;
        }

        foreach ((string id, long committed) in lastCommitted)
        {
            if (committed > 0 && !ids.Contains(id))
            {
                throw new InvalidOperationException($"kill {kill}: {id} was committed at version {committed} but is gone");
            }
        }

        int temps = Directory.GetFiles(directory, ".*.tmp").Length;
        return (ids.Count, temps);
    }
}

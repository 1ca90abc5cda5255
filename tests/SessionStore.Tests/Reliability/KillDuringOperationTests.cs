using System.Diagnostics;
using SessionStore.TestWorker;
using SessionStore.Tests.TestSupport;
using Xunit.Abstractions;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// A real child process runs one kind of operation (fork, delete, verify --repair, import) on a real
/// directory and is killed with SIGKILL at random moments; after each kill the directory keeps every
/// promise the operation makes. Appends and updates have their own rounds in <see cref="CrashTests"/>.
/// </summary>
public sealed class KillDuringOperationTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 6;
    private readonly TempDirectory _temp = new();
    private readonly Random _random = new(2026);

    public void Dispose() => _temp.Dispose();

    private string Directory => _temp.Combine("store");

    [Fact]
    public async Task Fork_LeavesEveryCopyWholeOrAbsent_AndKeepsEveryCommittedOne()
    {
        var store = new FileSessionStore(Directory);
        StoredSession source = CrashVersions.Make("source", 1); // ~300 KB: many pages for a kill to tear
        store.Save(source);
        var committed = new List<string>();
        for (int kill = 0; kill < Kills; kill++)
        {
            // Every other round waits for a committed fork first, so that the promise about committed forks is always tested.
            committed.AddRange((await RunAndKill("fork", maxDelayMs: 150, commitsBeforeKill: kill % 2)).Select(line => Path.GetFileNameWithoutExtension(line)));
            foreach (string id in store.List().Where(id => id != "source"))
            {
                Assert.Equal(source with { SessionId = id }, store.Load(id));
            }

            Assert.All(committed, id => Assert.True(store.Exists(id), $"kill {kill}: committed fork {id} is gone"));
        }

        output.WriteLine($"{Kills} kills during forks: {committed.Count} forks committed, every copy whole");
        Assert.NotEmpty(committed);
    }

    [Fact]
    public async Task Delete_NeverBringsASessionBack_AndLeavesNothingTorn()
    {
        var store = new FileSessionStore(Directory);
        var deleted = new List<string>();
        for (int kill = 0; kill < Kills; kill++)
        {
            List<string> lines = await RunAndKill("delete", maxDelayMs: 150, commitsBeforeKill: kill % 2);
            deleted.AddRange(lines.Where(l => l.StartsWith("deleted ", StringComparison.Ordinal)).Select(l => l[8..]));
            Assert.All(deleted, id => Assert.False(store.Exists(id), $"kill {kill}: deleted {id} is back"));
            foreach (string id in store.List())
            {
                Assert.Equal(CrashVersions.Make(id, 6), store.Load(id)); // saved, not yet deleted when the kill came
            }

            Assert.DoesNotContain(store.Check().Problems, p => p.Kind != StoreProblemKind.LeftoverFile);
        }

        output.WriteLine($"{Kills} kills during save/delete: {deleted.Count} deletes committed, none undone");
        Assert.NotEmpty(deleted);
    }

    [Fact]
    public async Task VerifyRepair_NeverLosesAFile_WhateverItWasDoing()
    {
        var store = new FileSessionStore(Directory);
        for (int i = 0; i < 40; i++)
        {
            store.Save(CrashVersions.Make("ok-" + i, 6));
        }

        string quarantine = Path.Combine(Directory, ".quarantine");
        for (int kill = 0; kill < Kills; kill++)
        {
            // New corrupt files each round, so every kill lands among repairs.
            var corrupt = new Dictionary<string, byte[]>();
            for (int i = 0; i < 20; i++)
            {
                string id = $"bad-{kill}-{i}";
                byte[] torn = [.. File.ReadAllBytes(store.Save(CrashVersions.Make(id, 3)))[..5000]];
                File.WriteAllBytes(Path.Combine(Directory, id + ".json"), torn);
                corrupt[id] = torn;
            }

            _ = await RunAndKill("repair", maxDelayMs: 100);
            for (int i = 0; i < 40; i++)
            {
                Assert.Equal(CrashVersions.Make("ok-" + i, 6), store.Load("ok-" + i));
            }

            foreach ((string id, byte[] torn) in corrupt)
            {
                string[] quarantined = System.IO.Directory.Exists(quarantine) ? System.IO.Directory.GetFiles(quarantine, id + ".*") : [];
                string[] places = [.. quarantined, .. File.Exists(Path.Combine(Directory, id + ".json")) ? [Path.Combine(Directory, id + ".json")] : Array.Empty<string>()];
                Assert.True(places.Length == 1, $"kill {kill}: {id} is in {places.Length} places");
                Assert.Equal(torn, File.ReadAllBytes(places[0]));
            }
        }
    }

    [Fact]
    public async Task Import_LeavesWholeSessionsOnly_AndRunningItAgainFinishesIt()
    {
        StoredSession[] batch = OperationCrashLoop.ImportBatch();
        var store = new FileSessionStore(Directory, new FileSessionStoreOptions { Durable = false });
        int partial = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            System.IO.Directory.CreateDirectory(Directory);
            foreach (string file in System.IO.Directory.GetFiles(Directory))
            {
                File.Delete(file);
            }

            // The import checks the whole batch before it writes: kill once its writing has begun.
            _ = await RunAndKill("import", maxDelayMs: 50, killAfter: () => System.IO.Directory.EnumerateFiles(Directory, "imp-*.json").Any());
            IReadOnlyList<string> present = store.List();
            foreach (string id in present)
            {
                Assert.Equal(batch[int.Parse(id[4..], System.Globalization.CultureInfo.InvariantCulture)], store.Load(id));
            }

            partial += present.Count is > 0 and < OperationCrashLoop.ImportSize ? 1 : 0;
            ImportResult again = store.Import(batch);
            Assert.Equal(present, again.Unchanged.Order(StringComparer.Ordinal));
            Assert.Equal(OperationCrashLoop.ImportSize - present.Count, again.Added.Count);
            Assert.Empty(again.Replaced);
            Assert.Equal(batch.Select(s => s.SessionId), store.List());
        }

        output.WriteLine($"{Kills} kills during an import of {OperationCrashLoop.ImportSize}: {partial} landed part-way; every run again finished it");
        Assert.True(partial > 0, "no kill landed part-way through the import");
    }

    /// <summary>Starts the child, kills it at a random moment after it is ready, and returns what it committed.</summary>
    /// <summary>
    /// Runs the operation in a child and kills it after a random delay; with <paramref name="commitsBeforeKill"/>, only
    /// once the child has reported that many commits (a signal, so that a loaded machine still commits some).
    /// </summary>
    private async Task<List<string>> RunAndKill(string operation, int maxDelayMs, Func<bool>? killAfter = null, int commitsBeforeKill = 0)
    {
        using Process child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["operation-crash-loop", operation, Directory]);
        string? ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (ready != "ready")
        {
            child.Kill();
            Assert.Fail($"the child said '{ready}': {await child.StandardError.ReadToEndAsync()}");
        }

        var committed = new List<string>();
        var enoughCommits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (commitsBeforeKill == 0)
        {
            enoughCommits.SetResult();
        }

        Task reading = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("committed ", StringComparison.Ordinal))
                {
                    lock (committed)
                    {
                        committed.Add(line[10..]);
                        if (committed.Count == commitsBeforeKill)
                        {
                            enoughCommits.TrySetResult();
                        }
                    }
                }
            }

            enoughCommits.TrySetResult();
        });

        var waited = Stopwatch.StartNew();
        while (killAfter is not null && !killAfter() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(1);
        }

        await enoughCommits.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(_random.Next(0, maxDelayMs));
        child.Kill();
        await reading;
        await child.WaitForExitAsync();
        lock (committed)
        {
            return [.. committed];
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// The long multi-process round: P child processes run <see cref="MixedLoad"/> on one directory; then the
/// counters must equal the increments the children reported, and every contested delete must have had
/// exactly one winner.
/// </summary>
public static class LoadHarness
{
    public static int Run(string directory, int processes, int operations, Action<string> log)
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = false });
        for (int i = 0; i < MixedLoad.DeleteOnceIds; i++)
        {
            store.Save(new StoredSession("d" + i.ToString(CultureInfo.InvariantCulture), ["x"], 0, 0));
        }

        var clock = Stopwatch.StartNew();
        var children = Enumerable.Range(1, processes).Select(seed =>
        {
            var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (string arg in new[] { typeof(LoadHarness).Assembly.Location, "mixed", directory, seed.ToString(CultureInfo.InvariantCulture), operations.ToString(CultureInfo.InvariantCulture) })
            {
                info.ArgumentList.Add(arg);
            }

            Process child = Process.Start(info)!;
            return (child, Output: child.StandardOutput.ReadToEndAsync(), Errors: child.StandardError.ReadToEndAsync());
        }).ToList();

        var increments = new Dictionary<string, long>();
        var winners = new Dictionary<string, int>();
        foreach ((Process child, Task<string> output, Task<string> errors) in children)
        {
            child.WaitForExit();
            if (child.ExitCode != 0 || errors.Result.Length > 0)
            {
                throw new InvalidOperationException($"a child failed ({child.ExitCode}): {errors.Result}");
            }

            foreach (string line in output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string[] parts = line.Split(' ');
                if (parts[0] == "inc")
                {
                    increments[parts[1]] = increments.GetValueOrDefault(parts[1]) + 1;
                }
                else
                {
                    winners[parts[1]] = winners.GetValueOrDefault(parts[1]) + 1;
                }
            }
        }

        TimeSpan elapsed = clock.Elapsed;
        foreach ((string counter, long count) in increments)
        {
            long stored = store.Load(counter).InputTokens;
            if (stored != count)
            {
                throw new InvalidOperationException($"{counter} holds {stored}, but {count} increments were reported: an update was lost");
            }
        }

        if (winners.Count != MixedLoad.DeleteOnceIds || winners.Values.Any(w => w != 1))
        {
            throw new InvalidOperationException($"{winners.Count} ids had winners, {winners.Count(w => w.Value != 1)} of them more than one");
        }

        log(string.Create(CultureInfo.InvariantCulture,
            $"{processes} processes x {operations} operations = {processes * operations} in {elapsed.TotalSeconds:0.0} s; {increments.Values.Sum()} updates summed exactly ({string.Join(" + ", increments.OrderBy(p => p.Key).Select(p => p.Value))}); {MixedLoad.DeleteOnceIds} contested deletes, one winner each; no undocumented exception"));
        return 0;
    }
}

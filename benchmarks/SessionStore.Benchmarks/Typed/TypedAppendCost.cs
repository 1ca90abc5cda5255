using System.Diagnostics;
using System.Globalization;

namespace SessionStore.Benchmarks.Typed;

/// <summary>
/// <c>typed-append-cost [appends]</c>: the mean cost of a 1-turn typed append to a session of 10 and of 10,000 turns
/// (durable and not), next to an <c>Update</c> that adds the turn, measured with a stopwatch over many appends after a
/// warm-up; a quick check of the BenchmarkDotNet suite <see cref="Suites.TypedAppendBenchmarks"/>.
/// </summary>
public static class TypedAppendCost
{
    public static int Run(string[] args)
    {
        int appends = args is [var count] ? int.Parse(count, CultureInfo.InvariantCulture) : 2000;
        string directory = Sessions.NewDirectory("typed-append-cost");
        try
        {
            Console.WriteLine("| session | durable | typed append (µs) | Update adding the turn (µs) |");
            Console.WriteLine("|---|---|---|---|");
            foreach (bool durable in (bool[])[false, true])
            {
                foreach (int turns in (int[])[10, 10_000])
                {
                    var store = new FileSessionStore<TypedChat>(Path.Join(directory, $"{turns}-{durable}"), TypedChat.Descriptor, new FileSessionStoreOptions { Durable = durable });
                    store.Save(TypedChat.Make("s", turns));
                    store.Save(TypedChat.Make("u", turns));
                    int n = durable ? appends / 4 : appends;
                    double typed = Mean(n, () => store.Append("s", [TypedChat.Turn]));
                    double update = Mean(Math.Max(20, n / (turns / 100 + 1)), () => store.Update("u", c => c! with { Turns = [.. c.Turns, TypedChat.Turn] }));
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {turns:N0} turns | {(durable ? "yes" : "no")} | {typed:F1} | {update:F1} |"));
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static double Mean(int count, Action action)
    {
        for (int i = 0; i < Math.Min(50, count); i++)
        {
            action();
        }

        var clock = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            action();
        }

        return clock.Elapsed.TotalMicroseconds / count;
    }
}

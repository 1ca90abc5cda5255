using System.Diagnostics;
using System.Globalization;

namespace SessionStore.Benchmarks.Typed;

/// <summary>
/// <c>typed-append-cost [appends]</c>: the mean cost of a 1-turn typed append to a session of 10 and of 10,000 turns
/// (durable and not), next to an <c>Update</c> that adds the turn, measured with a stopwatch over many appends after a
/// warm-up; a quick check of the BenchmarkDotNet suite <see cref="Suites.TypedAppendBenchmarks"/>. With
/// <c>SESSIONSTORE_POSTGRES</c> set, the same on PostgreSQL (items in the session table's <c>_items</c> table).
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

            if (Environment.GetEnvironmentVariable("SESSIONSTORE_POSTGRES") is { Length: > 0 } connectionString)
            {
                RunPostgres(connectionString, appends);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void RunPostgres(string connectionString, int appends)
    {
        using Npgsql.NpgsqlDataSource dataSource = new Npgsql.NpgsqlSlimDataSourceBuilder(connectionString).Build();
        string table = "typed_append_cost_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine("| PostgreSQL session | typed append (µs) | Update adding the turn (µs) | Load (µs) |");
        Console.WriteLine("|---|---|---|---|");
        try
        {
            var store = new SessionStore.Postgres.PostgresSessionStore<TypedChat>(dataSource, table, TypedChat.Descriptor);
            foreach (int turns in (int[])[10, 10_000])
            {
                store.Save(TypedChat.Make("s" + turns, turns));
                store.Save(TypedChat.Make("u" + turns, turns));
                int n = appends / 4;
                double typed = Mean(n, () => store.Append("s" + turns, [TypedChat.Turn]));
                double update = Mean(Math.Max(20, n / (turns / 100 + 1)), () => store.Update("u" + turns, c => c! with { Turns = [.. c.Turns, TypedChat.Turn] }));
                double load = Mean(Math.Max(20, n / (turns / 100 + 1)), () => store.Load("s" + turns));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {turns:N0} turns | {typed:F1} | {update:F1} | {load:F1} |"));
            }
        }
        finally
        {
            using var drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{table}_items\", \"{table}_text\", \"{table}\", \"{table}_trash\", \"{table}_pins\"");
            drop.ExecuteNonQuery();
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

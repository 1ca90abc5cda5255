using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Benchmarks.Compare;

/// <summary>
/// Walks N sessions (100,000 by default) through the paged listing on the directory store and, with
/// SESSIONSTORE_POSTGRES set, on PostgreSQL: by id and by recency, at two page sizes, beside one
/// <c>List()</c> (dotnet run -c Release -- paging [sessions]).
/// </summary>
public static class PagingCommand
{
    private static readonly int[] PageSizes = [1_000, 10_000];

    public static int Run(string[] args)
    {
        int sessions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        Console.WriteLine($"paging through {sessions:N0} sessions (one message each); times are one whole walk");
        Console.WriteLine();
        Console.WriteLine("| backend | walk | page size | pages | ms | ids held at most |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");

        string directory = Sessions.NewDirectory("paging");
        try
        {
            var files = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = false });
            for (int i = 0; i < sessions; i++)
            {
                files.Save(new StoredSession(Id(i), ["hi"], 0, 0));
            }

            Report("directory", files, files.List, sessions);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        if (Environment.GetEnvironmentVariable("SESSIONSTORE_POSTGRES") is { Length: > 0 } connectionString)
        {
            using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
            string table = "paging_" + Guid.NewGuid().ToString("N")[..8];
            PostgresStoredSessionStore store = PostgresSessionStores.ForStoredSessions(dataSource, table);
            try
            {
                store.EnsureCreated();
                using (NpgsqlCommand fill = dataSource.CreateCommand(
                    $"INSERT INTO \"{table}\" (id, body, revision, updated_at) SELECT 's' || lpad(i::text, 7, '0'), " +
                    "json_build_object('session_id', 's' || lpad(i::text, 7, '0'), 'messages', json_build_array('hi'), 'input_tokens', 0, 'output_tokens', 0), " +
                    $"nextval('\"{table}_rev\"'), now() - i * interval '1 ms' FROM generate_series(0, $1 - 1) i"))
                {
                    fill.Parameters.Add(new NpgsqlParameter { Value = sessions });
                    fill.ExecuteNonQuery();
                }

                using (NpgsqlCommand analyze = dataSource.CreateCommand($"ANALYZE \"{table}\""))
                {
                    analyze.ExecuteNonQuery();
                }

                Report("postgres", store, store.List, sessions);
            }
            finally
            {
                using NpgsqlCommand drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{table}_text\", \"{table}\", \"{table}_trash\", \"{table}_pins\"");
                drop.ExecuteNonQuery();
            }
        }

        return 0;
    }

    private static string Id(int i) => "s" + i.ToString("0000000", CultureInfo.InvariantCulture);

    private static void Report(string backend, ISessionPaging store, Func<IReadOnlyList<string>> list, int sessions)
    {
        var clock = Stopwatch.StartNew();
        int listed = list().Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {backend} | List() | all | 1 | {clock.Elapsed.TotalMilliseconds:0} | {listed:N0} |"));
        foreach (SessionOrder order in new[] { SessionOrder.Id, SessionOrder.Recent })
        {
            foreach (int pageSize in PageSizes)
            {
                clock.Restart();
                int pages = 0;
                int seen = 0;
                string? token = null;
                do
                {
                    SessionPage page = store.ListPage(order, pageSize, token);
                    seen += page.Ids.Count;
                    token = page.NextPageToken;
                    pages++;
                }
                while (token is not null);

                if (seen != sessions)
                {
                    throw new InvalidOperationException($"{backend} {order}: walked {seen} of {sessions}");
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {backend} | by {order} | {pageSize:N0} | {pages} | {clock.Elapsed.TotalMilliseconds:0} | {pageSize:N0} |"));
            }
        }
    }
}

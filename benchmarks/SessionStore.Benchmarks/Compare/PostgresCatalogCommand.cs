using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Benchmarks.Compare;

/// <summary>
/// The catalog's queries on PostgreSQL (SESSIONSTORE_POSTGRES) over N sessions of M messages (100,000 of 100 by
/// default): the sessions are written into the table by SQL (bodies only, as another client would), the catalog is
/// built by <see cref="ISessionCatalog.Rebuild"/> (timed), the caller metadata (owners, tags) set in bulk, then each
/// query is run cold (a new data source and store: a fresh process's first call) and warm (the median of 21)
/// (dotnet run -c Release -- catalog-postgres [sessions] [messages] [a table to keep [rebuild]]: a kept table is filled once, and rebuilt again when asked).
/// </summary>
/// <remarks>
/// Messages are 8 words drawn uniformly from 8,000 made-up six-letter words (three of twenty syllables), so a word is
/// in about 0.1 % of the messages; session i is owned by <c>user{i % 97}</c>, tagged <c>billing</c> when i % 10 is 0
/// and <c>vip</c> when i % 7 is 0, and written i milliseconds before the fill.
/// </remarks>
public static class PostgresCatalogCommand
{
    private const int WarmRuns = 21;

    public static int Run(string[] args)
    {
        int sessions = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        int messages = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
        string connectionString = Environment.GetEnvironmentVariable("SESSIONSTORE_POSTGRES") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("Set SESSIONSTORE_POSTGRES to a PostgreSQL connection string.");
        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
        string table = args.Length > 2 ? args[2] : "catalog_bench_" + Guid.NewGuid().ToString("N")[..8];
        bool keep = args.Length > 2;
        PostgresStoredSessionStore store = PostgresSessionStores.ForStoredSessions(dataSource, table);
        try
        {
            store.EnsureCreated();
            bool empty = Scalar(dataSource, $"SELECT count(*) FROM \"{table}\"") == 0;
            if (!empty && args is [_, _, _, "rebuild"])
            {
                var again = Stopwatch.StartNew();
                int rebuilt = store.Rebuild();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"catalog rebuilt by Rebuild: {rebuilt:N0} sessions in {again.Elapsed.TotalSeconds:0.0} s ({rebuilt / again.Elapsed.TotalSeconds:N0} sessions/s)"));
                Execute(dataSource, $"VACUUM ANALYZE \"{table}_text\"");
            }

            if (empty)
            {
                Fill(dataSource, table, sessions, messages);
                var build = Stopwatch.StartNew();
                int built = store.Rebuild();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"catalog built by Rebuild: {built:N0} sessions in {build.Elapsed.TotalSeconds:0.0} s ({built / build.Elapsed.TotalSeconds:N0} sessions/s)"));
                Execute(dataSource, $"UPDATE \"{table}\" SET owner = 'user' || (substr(id, 2)::int % 97), " +
                    "tags = CASE WHEN substr(id, 2)::int % 10 = 0 THEN ARRAY['billing'] ELSE '{}' END || CASE WHEN substr(id, 2)::int % 7 = 0 THEN ARRAY['vip'] ELSE '{}' END");
                Execute(dataSource, $"VACUUM ANALYZE \"{table}\"");
                Execute(dataSource, $"VACUUM ANALYZE \"{table}_text\"");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Scalar(dataSource, $"SELECT count(*) FROM \"{table}\""):N0} sessions, {Scalar(dataSource, $"SELECT count(*) FROM \"{table}_text\""):N0} text rows; " +
                $"table {Scalar(dataSource, $"SELECT pg_total_relation_size('\"{table}\"')") >> 20} MiB, text {Scalar(dataSource, $"SELECT pg_total_relation_size('\"{table}_text\"')") >> 20} MiB"));
            int middle = (int)(Scalar(dataSource, $"SELECT count(*) FROM \"{table}\"") / 2);
            string word = Word(dataSource, table, middle);
            string[] two = [word, Word(dataSource, table, middle, offset: 1)];
            string phrase = Phrase(dataSource, table, middle / 3);
            Console.WriteLine();
            Console.WriteLine("| query | cold ms | warm ms (median) | results |");
            Console.WriteLine("|---|---:|---:|---:|");
            Measure(connectionString, table, "the 20 most recent", s => s.Query(new SessionQuery { PageSize = 20 }).Sessions.Count);
            Measure(connectionString, table, "a tag + owner page (billing, user7, 20 most recent)",
                s => s.Query(new SessionQuery { PageSize = 20, Owner = "user7", Tags = ["billing"] }).Sessions.Count);
            Measure(connectionString, table, "paging all by recency (pages of 1,000)", WalkAll, runs: 3);
            Measure(connectionString, table, $"full text, one word ({word})", s => s.Search(word, new SessionQuery { PageSize = 20 }).Hits.Count);
            Measure(connectionString, table, $"full text, two words ({two[0]} {two[1]})", s => s.Search(string.Join(' ', two), new SessionQuery { PageSize = 20 }).Hits.Count);
            Measure(connectionString, table, $"full text, a prefix ({word[..4]})", s => s.Search(word[..4], new SessionQuery { PageSize = 20 }).Hits.Count);
            Measure(connectionString, table, $"full text, a phrase (\"{phrase}\")", s => s.Search("\"" + phrase + "\"", new SessionQuery { PageSize = 20 }).Hits.Count);
            Measure(connectionString, table, $"full text + owner (user7, {word})", s => s.Search(word, new SessionQuery { PageSize = 20, Owner = "user7" }).Hits.Count);
            return 0;
        }
        finally
        {
            if (!keep)
            {
                Execute(dataSource, $"DROP TABLE IF EXISTS \"{table}_text\", \"{table}\", \"{table}_trash\", \"{table}_pins\"");
            }
        }
    }

    private static int WalkAll(PostgresStoredSessionStore store)
    {
        int seen = 0;
        string? token = null;
        do
        {
            SessionQueryPage page = store.Query(new SessionQuery { PageSize = 1000, PageToken = token });
            seen += page.Sessions.Count;
            token = page.NextPageToken;
        }
        while (token is not null);

        return seen;
    }

    private static void Measure(string connectionString, string table, string name, Func<PostgresStoredSessionStore, int> query, int runs = WarmRuns)
    {
        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
        PostgresStoredSessionStore store = PostgresSessionStores.ForStoredSessions(dataSource, table);
        var clock = Stopwatch.StartNew();
        int results = query(store);
        double cold = clock.Elapsed.TotalMilliseconds;
        var warm = new List<double>();
        for (int i = 0; i < runs; i++)
        {
            clock.Restart();
            _ = query(store);
            warm.Add(clock.Elapsed.TotalMilliseconds);
        }

        warm.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {cold:0.0} | {warm[warm.Count / 2]:0.0} | {results:N0} |"));
    }

    /// <summary>The sessions, written by SQL as another client would (bodies only: the catalog's columns are left stale).</summary>
    private static void Fill(NpgsqlDataSource dataSource, string table, int sessions, int messages)
    {
        var clock = Stopwatch.StartNew();
        const int Chunk = 5_000;
        for (int first = 0; first < sessions; first += Chunk)
        {
            // A word is three syllables of twenty, picked by one random number below 8,000 per word.
            using NpgsqlCommand fill = dataSource.CreateCommand(
                $"INSERT INTO \"{table}\" (id, body, revision, updated_at) " +
                "SELECT 's' || lpad(n::text, 7, '0'), json_build_object('session_id', 's' || lpad(n::text, 7, '0'), 'messages', " +
                "(SELECT json_agg((SELECT string_agg(substr(s, 1 + 2 * (r % 20), 2) || substr(s, 1 + 2 * (r / 20 % 20), 2) || substr(s, 1 + 2 * (r / 400), 2), ' ') " +
                "FROM generate_series(1, 8) g, LATERAL (SELECT floor(random() * 8000)::int + 0 * g + 0 * m AS r) w, " +
                "(SELECT 'kalominerusatovibedofugihajikolumanoperi'::text AS s) syllables) ORDER BY m) FROM generate_series(1, $3) m WHERE m > n - n), " +
                $"'input_tokens', n % 1000, 'output_tokens', n % 777), nextval('\"{table}_rev\"'), now() - n * interval '1 ms' " +
                "FROM generate_series($1, $2) n");
            fill.Parameters.Add(new NpgsqlParameter { Value = first });
            fill.Parameters.Add(new NpgsqlParameter { Value = Math.Min(sessions, first + Chunk) - 1 });
            fill.Parameters.Add(new NpgsqlParameter { Value = messages });
            fill.CommandTimeout = 0;
            fill.ExecuteNonQuery();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sessions:N0} sessions of {messages} messages written by SQL in {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    /// <summary>A word of the first message of the given session (so it is in about 0.1 % of the messages).</summary>
    private static string Word(NpgsqlDataSource dataSource, string table, int session, int offset = 0) =>
        Text(dataSource, $"SELECT split_part(body, ' ', {3 + offset}) FROM \"{table}_text\" WHERE item_index = 0 ORDER BY session_id OFFSET {session} LIMIT 1");

    private static string Phrase(NpgsqlDataSource dataSource, string table, int session) =>
        Text(dataSource, $"SELECT split_part(body, ' ', 2) || ' ' || split_part(body, ' ', 3) FROM \"{table}_text\" WHERE item_index = 5 ORDER BY session_id OFFSET {session} LIMIT 1");

    private static string Text(NpgsqlDataSource dataSource, string sql)
    {
        using NpgsqlCommand command = dataSource.CreateCommand(sql);
        return (string)command.ExecuteScalar()!;
    }

    private static long Scalar(NpgsqlDataSource dataSource, string sql)
    {
        using NpgsqlCommand command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlDataSource dataSource, string sql)
    {
        using NpgsqlCommand command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }
}

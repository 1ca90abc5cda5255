using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance.Appends;

/// <summary>
/// A generated store whose session type declares its turns (<c>[SessionItems]</c>) appends through
/// <see cref="ISessionAppender{TSession}"/> on the directory store and on PostgreSQL with the same code,
/// and PostgreSQL keeps the append's guarantees: ordered, nothing lost under concurrent appends, whole
/// sessions for concurrent readers, a new revision per append, limits checked before writing.
/// </summary>
public sealed class TypedAppendBackendTests : IDisposable
{
    private const long Limit = 4096;
    private static readonly string? Postgres = Environment.GetEnvironmentVariable(PostgresStoreConformanceTests.Variable);
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-append-").FullName;
    private readonly string _table = "turns_" + Guid.NewGuid().ToString("N")[..10];
    private NpgsqlDataSource? _dataSource;

    public static TheoryData<string> Backends => ["directory", "postgres"];

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public async Task A_generated_store_appends_through_the_interface(string backend)
    {
        (ISessionStore<TurnLog> store, ISessionAppender<TurnLog> appender) = Open(backend, TurnLogStore.Descriptor);
        Assert.True(appender.CanAppend<LogTurn>());
        Assert.False(appender.CanAppend<string>());
        Assert.Throws<InvalidOperationException>(() => appender.Append("c", ["not a turn"]));
        Assert.Throws<SessionNotFoundException>(() => appender.Append("c", [new LogTurn("user", "hi")]));
        Assert.False(store.Exists("c"));

        store.Save(new TurnLog("c", [new LogTurn("system", "be brief")], 8));
        var expected = new List<LogTurn> { new("system", "be brief") };
        string etag = store.LoadRevision("c").ETag;
        for (int i = 0; i < 4; i++)
        {
            LogTurn[] turns = [new("user", "q" + i), new("assistant", "answer " + i)];
            if (i % 2 == 0)
            {
                appender.Append("c", turns);
            }
            else
            {
                await appender.AppendAsync("c", turns);
            }

            expected.AddRange(turns);
            string next = store.LoadRevision("c").ETag;
            Assert.NotEqual(etag, next);
            Assert.Throws<SessionConflictException>(() => store.SaveIfMatch(new TurnLog("c", [], 0), etag));
            etag = next;
        }

        var whole = new TurnLog("c", expected, expected.Sum(t => t.Text.Length));
        Assert.Equal(whole, store.Load("c"));
        Assert.Equal(whole, await store.LoadAsync("c"));

        // A whole write replaces the items; appends then continue from it.
        store.Update("c", c => c! with { Turns = [.. c.Turns.Take(1)], Tokens = 8 });
        appender.Append("c", [new LogTurn("user", "again")], (log, turns) => log with { Tokens = log.Tokens + 100 });
        Assert.Equal(new TurnLog("c", [new("system", "be brief"), new("user", "again")], 108), store.Load("c"));

        // A delete takes the items with it; a new session of the same id starts empty.
        Assert.True(store.Delete("c"));
        Assert.Throws<SessionNotFoundException>(() => appender.Append("c", [new LogTurn("user", "hi")]));
        store.Save(new TurnLog("c", [], 0));
        appender.Append("c", [new LogTurn("user", "fresh")]);
        Assert.Equal(new TurnLog("c", [new("user", "fresh")], 5), store.Load("c"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Limits_and_totals_are_checked_before_anything_is_written(string backend)
    {
        (ISessionStore<TurnLog> store, ISessionAppender<TurnLog> appender) = Open(backend, TurnLogStore.Descriptor);
        var start = new TurnLog("l", [new LogTurn("user", "hi")], long.MaxValue - 2);
        store.Save(start);
        string etag = store.LoadRevision("l").ETag;

        Assert.Throws<OverflowException>(() => appender.Append("l", [new LogTurn("user", "three")]));
        Assert.Throws<SessionTooLargeException>(() => appender.Append("l", [new LogTurn("user", new string('x', (int)Limit))], (log, _) => log));
        Assert.Throws<ArgumentException>(() => appender.Append("l", [new LogTurn("user", "a"), null!], (log, _) => log));
        Assert.Throws<InvalidSessionIdException>(() => appender.Append("../l", [new LogTurn("user", "a")]));

        Assert.Equal(etag, store.LoadRevision("l").ETag);
        Assert.Equal(start, store.Load("l"));
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void An_append_to_a_missing_session_creates_it_when_the_descriptor_says_how(string backend)
    {
        SessionDescriptor<TurnLog> creating = TurnLogStore.Descriptor.WithItems(new SessionItems<TurnLog, LogTurn>(
            "turns", TurnLogJsonContext.Default.LogTurn, static l => l.Turns,
            static (l, turns) => l with { Tokens = l.Tokens + turns.Count }, create: static id => new TurnLog(id, [], 0)));
        (ISessionStore<TurnLog> store, ISessionAppender<TurnLog> appender) = Open(backend, creating);

        appender.Append("new", [new LogTurn("user", "hello")]);
        appender.Append("new", [new LogTurn("assistant", "hi"), new LogTurn("user", "bye")]);

        Assert.Equal(new TurnLog("new", [new("user", "hello"), new("assistant", "hi"), new("user", "bye")], 3), store.Load("new"));
    }

    /// <summary>A validator that needs the whole session: at most three turns.</summary>
    private static SessionDescriptor<TurnLog> AtMostThreeTurns(bool declareAppendRule)
    {
        var turns = (SessionItems<TurnLog, LogTurn>)TurnLogStore.Descriptor.Items!;
        static void Rule(TurnLog log)
        {
            if (log.Turns.Count > 3)
            {
                throw new ArgumentException($"'{log.Id}' has {log.Turns.Count} turns; at most 3 are allowed.");
            }
        }

        // With the append rule, the totals keep the turn count (in Tokens), so the rule needs no items.
        SessionItems<TurnLog, LogTurn> items = declareAppendRule
            ? new SessionItems<TurnLog, LogTurn>(turns.JsonName, turns.ItemTypeInfo, turns.ItemsOf, static (l, added) => l with { Tokens = l.Tokens + added.Count },
                validateAppend: static (shell, _) =>
                {
                    if (shell.Tokens > 3)
                    {
                        throw new ArgumentException($"'{shell.Id}' would have {shell.Tokens} turns; at most 3 are allowed.");
                    }
                })
            : turns;
        return new SessionDescriptor<TurnLog>(TurnLogStore.Descriptor.TypeInfo, static l => l.Id, TurnLogStore.Descriptor.Schema, Rule).WithItems(items);
    }

    [SkippableTheory]
    [InlineData("directory", false)]
    [InlineData("directory", true)]
    [InlineData("postgres", false)]
    [InlineData("postgres", true)]
    public void An_append_is_validated_against_the_session_it_makes_never_acknowledged_and_then_unreadable(string backend, bool declareAppendRule)
    {
        (ISessionStore<TurnLog> store, ISessionAppender<TurnLog> appender) = Open(backend, AtMostThreeTurns(declareAppendRule));
        store.Save(new TurnLog("v", [new("user", "a"), new("assistant", "b")], 2));
        appender.Append("v", [new LogTurn("user", "c")]);
        string etag = store.LoadRevision("v").ETag;

        var refused = Assert.Throws<ArgumentException>(() => appender.Append("v", [new LogTurn("assistant", "d")]));
        Assert.Contains("at most 3", refused.Message, StringComparison.Ordinal);
        Assert.Equal(etag, store.LoadRevision("v").ETag);
        Assert.Equal(["a", "b", "c"], store.Load("v").Turns.Select(t => t.Text));

        if (backend == "directory")
        {
            // The same append onto the same session written in another layout (indented, as another tool writes it) is refused alike.
            string path = Path.Combine(_directory, "v.json");
            File.WriteAllText(path, System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            Assert.Throws<ArgumentException>(() => appender.Append("v", [new LogTurn("assistant", "d")]));
            Assert.Equal(["a", "b", "c"], store.Load("v").Turns.Select(t => t.Text));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Backends))]
    public void Lone_surrogates_are_refused_with_a_typed_error_before_anything_is_written(string backend)
    {
        (ISessionStore<TurnLog> store, ISessionAppender<TurnLog> appender) = Open(backend, TurnLogStore.Descriptor);
        var error = Assert.Throws<ArgumentException>(() => store.Save(new TurnLog("s", [new("user", "half \ud83d of a pair")], 1)));
        Assert.Contains("$.turns[0].text", error.Message, StringComparison.Ordinal);
        Assert.False(store.Exists("s"));

        var kept = new TurnLog("s", [new("user", "a real \ufffd and \ud83d\ude00")], 0);
        store.Save(kept);
        Assert.Equal(kept, store.Load("s"));
        string etag = store.LoadRevision("s").ETag;
        error = Assert.Throws<ArgumentException>(() => appender.Append("s", [new LogTurn("user", "ok"), new LogTurn("user\udc00", "x")], (l, _) => l));
        Assert.Contains("Item 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(etag, store.LoadRevision("s").ETag);
        appender.Append("s", [new LogTurn("user", "\ufffd")], (l, _) => l);
        Assert.Equal([.. kept.Turns, new("user", "\ufffd")], store.Load("s").Turns);
    }

    [SkippableFact]
    public void Postgres_refuses_an_append_onto_a_session_whose_items_another_client_broke()
    {
        var store = (PostgresSessionStore<TurnLog>)Open("postgres", TurnLogStore.Descriptor).Store;
        store.Save(new TurnLog("b", [new LogTurn("user", "a")], 1));
        store.Append("b", [new LogTurn("user", "b")]);
        Scalar($"INSERT INTO \"{_table}_items\" (id, seq, item, total) VALUES ('b', 3, '{{\"role\": 5}}', 100) RETURNING id");
        Assert.Throws<SessionCorruptException>(() => store.Load("b"));
        string revision = Scalar($"SELECT revision::text FROM \"{_table}\" WHERE id = 'b'")!;

        Assert.Throws<SessionCorruptException>(() => store.Append("b", [new LogTurn("user", "never readable")]));

        Assert.Equal("3", Scalar($"SELECT count(*)::text FROM \"{_table}_items\" WHERE id = 'b'"));
        Assert.Equal(revision, Scalar($"SELECT revision::text FROM \"{_table}\" WHERE id = 'b'"));
        var fresh = new PostgresSessionStore<TurnLog>(_dataSource!, _table, TurnLogStore.Descriptor);
        Assert.Throws<SessionCorruptException>(() => fresh.Append("b", [new LogTurn("user", "never readable")]));
    }

    [SkippableFact]
    public async Task Postgres_concurrent_appends_lose_nothing_keep_order_and_readers_see_whole_sessions()
    {
        var store = (PostgresSessionStore<TurnLog>)Open("postgres", TurnLogStore.Descriptor).Store;
        store.Save(new TurnLog("busy", [], 0));
        const int Writers = 6, Appends = 10;
        int torn = 0;
        using var done = new CancellationTokenSource();
        Task reader = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                // Every turn's text is two characters: a whole session's total is twice its turns.
                TurnLog seen = await store.LoadAsync("busy");
                if (seen.Tokens != 2L * seen.Turns.Count)
                {
                    Interlocked.Increment(ref torn);
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < Appends; i++)
            {
                await store.AppendAsync("busy", [new LogTurn("w" + w, w.ToString("D1") + i.ToString("D1"))]);
            }
        })));
        await done.CancelAsync();
        await reader;

        TurnLog final = store.Load("busy");
        Assert.Equal(0, torn);
        Assert.Equal(Writers * Appends, final.Turns.Count);
        Assert.Equal(2L * Writers * Appends, final.Tokens);
        for (int w = 0; w < Writers; w++)
        {
            Assert.Equal(Enumerable.Range(0, Appends).Select(i => $"{w}{i}"), final.Turns.Where(t => t.Role == "w" + w).Select(t => t.Text));
        }
    }

    [SkippableFact]
    public void Postgres_keeps_the_row_without_its_items_and_one_row_per_item()
    {
        var store = (PostgresSessionStore<TurnLog>)Open("postgres", TurnLogStore.Descriptor).Store;
        store.Save(new TurnLog("r", [new LogTurn("user", "a")], 1));
        store.Append("r", [new LogTurn("user", "b"), new LogTurn("user", "c")]);

        var row = System.Text.Json.Nodes.JsonNode.Parse(Scalar($"SELECT body::text FROM \"{_table}\" WHERE id = 'r'")!)!.AsObject();
        Assert.Equal((2, "r", 0, 3L), ((int)row["schema_version"]!, (string)row["id"]!, row["turns"]!.AsArray().Count, (long)row["tokens"]!));
        Assert.Equal("a|b|c", Scalar($"SELECT string_agg(item ->> 'text', '|' ORDER BY seq) FROM \"{_table}_items\" WHERE id = 'r'"));
    }

    [SkippableFact]
    public void Postgres_trash_restore_and_rows_written_whole_keep_the_items()
    {
        var store = (PostgresSessionStore<TurnLog>)Open("postgres", TurnLogStore.Descriptor).Store;
        store.Save(new TurnLog("t", [new LogTurn("user", "a")], 1));
        store.Append("t", [new LogTurn("user", "bb")]);
        var whole = new TurnLog("t", [new("user", "a"), new("user", "bb")], 3);

        Assert.True(store.MoveToTrash("t"));
        Assert.Equal("0", Scalar($"SELECT count(*)::text FROM \"{_table}_items\" WHERE id = 't'"));
        store.Restore("t");
        Assert.Equal(whole, store.Load("t"));
        store.Append("t", [new LogTurn("user", "ccc")]);
        Assert.Equal(new TurnLog("t", [.. whole.Turns, new("user", "ccc")], 6), store.Load("t"));

        // A version-1 row written whole by an older version: migrated on load, split by its first append.
        Scalar($"INSERT INTO \"{_table}\" (id, body, revision) VALUES ('old', '{{\"id\": \"old\", \"turns\": [{{\"role\": \"user\", \"text\": \"hello\"}}]}}', 1) RETURNING id");
        Assert.Equal(new TurnLog("old", [new("user", "hello")], 0), store.Load("old"));
        store.Append("old", [new LogTurn("assistant", "hi")]);
        Assert.Equal(new TurnLog("old", [new("user", "hello"), new("assistant", "hi")], 2), store.Load("old"));
        Assert.Equal("2", Scalar($"SELECT count(*)::text FROM \"{_table}_items\" WHERE id = 'old'"));
    }

    [SkippableFact]
    public async Task Postgres_prune_keeps_a_session_written_after_it_was_listed()
    {
        _ = Open("postgres", TurnLogStore.Descriptor); // the server, or a skip
        var clock = new ManualClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new PostgresSessionStore<TurnLog>(_dataSource!, _table, TurnLogStore.Descriptor, new PostgresSessionStoreOptions { TimeProvider = clock });
        store.Save(new TurnLog("p", [new LogTurn("user", "old")], 1));
        DateTimeOffset cutoff = clock.Now.AddDays(1);

        // An update holds the session's lock while the prune lists the session as old and waits for that lock.
        using var inside = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        Task<TurnLog> update = Task.Run(() => store.UpdateAsync("p", current =>
        {
            inside.Release();
            release.Wait();
            clock.Now = cutoff.AddDays(1);
            return current! with { Turns = [.. current.Turns, new LogTurn("user", "new")] };
        }).AsTask());
        await inside.WaitAsync();
        Task<PruneResult> prune = Task.Run(() => store.PruneAsync(cutoff).AsTask());
        while (Scalar("SELECT count(*)::text FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == "0")
        {
            Assert.False(prune.IsCompleted, "the prune did not wait for the session's lock");
            await Task.Delay(10);
        }

        release.Release();
        await update;
        PruneResult result = await prune;

        Assert.Empty(result.Trashed);
        Assert.Equal(["old", "new"], store.Load("p").Turns.Select(t => t.Text));
        Assert.Empty(store.ListTrash());
    }

    [Fact]
    public void Postgres_append_on_a_dead_server_fails_typed()
    {
        using NpgsqlDataSource dead = new NpgsqlSlimDataSourceBuilder($"Host=127.0.0.1;Port={PostgresDeadServerTests.StoppedPort()};Username=postgres;Timeout=5").Build();
        PostgresSessionStore<TurnLog> store = TurnLogStore.ForPostgres(dead, "dead_appends");
        foreach (Exception? error in new[]
        {
            Record.Exception(() => store.Append("s", [new LogTurn("user", "hi")])),
            Record.Exception(() => store.AppendAsync("s", [new LogTurn("user", "hi")]).AsTask().GetAwaiter().GetResult()),
        })
        {
            var typed = Assert.IsType<SessionStorageException>(error);
            Assert.Equal(SessionOperation.Append, typed.Operation);
            Assert.Equal("s", typed.SessionId);
            Assert.IsAssignableFrom<NpgsqlException>(typed.InnerException);
        }
    }

    public void Dispose()
    {
        if (_dataSource is not null)
        {
            PostgresStoreConformanceTests.DropTables(_dataSource, _table);
            _dataSource.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private (ISessionStore<TurnLog> Store, ISessionAppender<TurnLog> Appender) Open(string backend, SessionDescriptor<TurnLog> descriptor)
    {
        if (backend == "directory")
        {
            var file = new FileSessionStore<TurnLog>(_directory, descriptor, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = Limit });
            return (file, file);
        }

        if (string.IsNullOrEmpty(Postgres))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true needs SESSIONSTORE_POSTGRES");
            Skip.If(true, $"Set {PostgresStoreConformanceTests.Variable} to run against PostgreSQL.");
        }

        _dataSource ??= new NpgsqlSlimDataSourceBuilder(Postgres).Build();
        var store = new PostgresSessionStore<TurnLog>(_dataSource, _table, descriptor, new PostgresSessionStoreOptions { MaxSessionBytes = Limit });
        return (store, store);
    }

    private string? Scalar(string sql)
    {
        using NpgsqlCommand command = _dataSource!.CreateCommand(sql);
        return command.ExecuteScalar() as string;
    }
}

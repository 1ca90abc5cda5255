using Npgsql;
using SessionStore.Conformance.Appends;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>
/// What only the PostgreSQL catalog has: rows another client wrote straight into the tables (seen by the next query,
/// repaired by a rebuild), typed appends that add only their own text rows, and an old table upgraded under a
/// bounded wait while another client holds it.
/// </summary>
public sealed class PostgresCatalogTests : IDisposable
{
    private readonly string _table = "catalog_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ??= new NpgsqlSlimDataSourceBuilder(PostgresStoreConformanceTests.RequireServer()).Build();

    /// <summary>Another client (a connection of its own, plain SQL) inserts and rewrites rows: the next query derives them; text rows it tampers with are repaired by Rebuild, caller metadata kept.</summary>
    [SkippableFact]
    public async Task AnotherClientsRows_AreSeenByTheNextQuery_AndRebuildDerivesThemAgain()
    {
        PostgresStoredSessionStore store = PostgresSessionStores.ForStoredSessions(DataSource, _table);
        store.Save(new StoredSession("mine", ["the invoice is late"], 1, 2));
        store.UpdateMetadata("mine", new SessionMetadataChange { Title = "Late invoice", AddTags = ["billing"], Owner = "alice" });

        await using NpgsqlDataSource otherClient = new NpgsqlSlimDataSourceBuilder(PostgresStoreConformanceTests.RequireServer()).Build();
        await using (NpgsqlConnection other = await otherClient.OpenConnectionAsync())
        {
            await ExecuteAsync(other, $"INSERT INTO \"{_table}\" (id, body, revision) VALUES ('theirs', $1::json, nextval('\"{_table}_rev\"'))",
                "{\"session_id\": \"theirs\", \"messages\": [\"A parcel went missing\", \"tracking number 42\"], \"input_tokens\": 5, \"output_tokens\": 6}");
            await ExecuteAsync(other, $"UPDATE \"{_table}\" SET body = $1::json, revision = nextval('\"{_table}_rev\"') WHERE id = 'mine'",
                "{\"session_id\": \"mine\", \"messages\": [\"the invoice is late\", \"rewritten by a script\"], \"input_tokens\": 1, \"output_tokens\": 9}");
        }

        SessionMetadata theirs = Assert.Single(store.Query(new SessionQuery { PageSize = 10 }).Sessions, m => m.SessionId == "theirs");
        Assert.Equal(("A parcel went missing", 2, 5L, 6L), (theirs.Title, theirs.ItemCount, theirs.InputTokens, theirs.OutputTokens));
        SessionMetadata mine = store.GetMetadata("mine")!;
        Assert.Equal(("Late invoice", 2, 9L, "alice"), (mine.Title, mine.ItemCount, mine.OutputTokens, mine.Owner));
        Assert.Equal(1, Assert.Single(store.Search("script").Hits).ItemIndex);
        Assert.Equal("theirs", Assert.Single(store.Search("\"tracking number\"").Hits).Session.SessionId);

        // Rows whose revision the other client left as it was cannot be told stale: Rebuild derives them again.
        await using (NpgsqlConnection other = await otherClient.OpenConnectionAsync())
        {
            await ExecuteAsync(other, $"UPDATE \"{_table}_text\" SET body = 'tampered' WHERE session_id = 'theirs'");
            await ExecuteAsync(other, $"UPDATE \"{_table}\" SET item_count = 99 WHERE id = 'mine'");
        }

        Assert.Equal("theirs", Assert.Single(store.Search("tampered").Hits).Session.SessionId);
        var reported = new List<int>();
        Assert.Equal(2, await store.RebuildAsync(new Progress(reported)));
        Assert.Equal([2], reported);
        Assert.Empty(store.Search("tampered").Hits);
        Assert.Equal(0, Assert.Single(store.Search("parcel").Hits).ItemIndex);
        SessionMetadata rebuilt = store.GetMetadata("mine")!;
        Assert.Equal(("Late invoice", 2, "alice"), (rebuilt.Title, rebuilt.ItemCount, rebuilt.Owner));
        Assert.Equal(["billing"], rebuilt.Tags);
    }

    /// <summary>A typed append adds only the new items' text rows (the older rows are not rewritten) and the counts in O(delta); a move to the trash and back keeps the caller's metadata.</summary>
    [SkippableFact]
    public void ATypedAppend_AddsOnlyItsOwnTextRows_AndTheTrashKeepsCallerMetadata()
    {
        var store = new PostgresSessionStore<TurnLog>(DataSource, _table, TurnLogStore.Descriptor);
        store.Save(new TurnLog("log", [new LogTurn("system", "be brief"), new LogTurn("user", "Where is the invoice?")], 0));
        store.UpdateMetadata("log", new SessionMetadataChange { AddTags = ["kept"], Agent = "support" });
        string before = TextRowVersions("log");

        store.Append("log", [new LogTurn("assistant", "It was sent on Monday"), new LogTurn("user", "thanks")]);
        Assert.StartsWith(before, TextRowVersions("log"), StringComparison.Ordinal);
        SessionMetadata appended = store.GetMetadata("log")!;
        Assert.Equal(("Where is the invoice?", 4), (appended.Title, appended.ItemCount));
        Assert.Equal(2, Assert.Single(store.Search("monday").Hits).ItemIndex);

        Assert.True(store.MoveToTrash("log"));
        Assert.Null(store.GetMetadata("log"));
        Assert.Empty(store.Search("monday").Hits);
        _ = store.Restore("log");
        SessionMetadata restored = store.GetMetadata("log")!;
        Assert.Equal(["kept"], restored.Tags);
        Assert.Equal(("support", 4, appended.CreatedAt), (restored.Agent, restored.ItemCount, restored.CreatedAt));
        Assert.Equal(2, Assert.Single(store.Search("monday").Hits).ItemIndex);
    }

    /// <summary>
    /// A table of the previous version (no catalog) is upgraded by the first call: while another client holds the table
    /// (a long read), the call fails typed after LockTimeout; once free, the upgrade runs and the old rows get their metadata.
    /// </summary>
    [SkippableFact]
    public async Task AnOldTable_IsUpgraded_UnderABoundedWait_WhileAnotherClientHoldsIt()
    {
        PostgresStoredSessionStore previous = PostgresSessionStores.ForStoredSessions(DataSource, _table);
        previous.Save(new StoredSession("old", ["an old conversation about refunds"], 3, 4));
        Execute($"DROP TABLE \"{_table}_text\"");
        Execute($"ALTER TABLE \"{_table}\" DROP COLUMN title, DROP COLUMN derived_title, DROP COLUMN custom_title, DROP COLUMN tags, DROP COLUMN owner, DROP COLUMN agent, " +
            "DROP COLUMN fields, DROP COLUMN created_at, DROP COLUMN item_count, DROP COLUMN input_tokens, DROP COLUMN output_tokens, DROP COLUMN size_bytes, DROP COLUMN meta_rev");
        Execute($"ALTER TABLE \"{_table}_trash\" DROP COLUMN catalog");

        NpgsqlConnection reader = await DataSource.OpenConnectionAsync();
        NpgsqlTransaction reading = await reader.BeginTransactionAsync();
        await ExecuteAsync(reader, $"SELECT count(*) FROM \"{_table}\"", transaction: reading);
        var store = PostgresSessionStores.ForStoredSessions(DataSource, _table, new PostgresSessionStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(200) });
        try
        {
            var query = await Assert.ThrowsAsync<SessionStorageException>(() => store.QueryAsync(new SessionQuery()).AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(SessionOperation.List, query.Operation);
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, Assert.IsAssignableFrom<PostgresException>(query.InnerException).SqlState);
            await Assert.ThrowsAsync<SessionLockTimeoutException>(() => store.GetMetadataAsync("old").AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await reading.RollbackAsync();
            await reader.DisposeAsync();
        }

        SessionMetadata old = Assert.Single(store.Query(new SessionQuery()).Sessions);
        Assert.Equal(("an old conversation about refunds", 1, 3L, 4L), (old.Title, old.ItemCount, old.InputTokens, old.OutputTokens));
        Assert.Equal("old", Assert.Single(store.Search("refund").Hits).Session.SessionId);
    }

    public void Dispose()
    {
        if (_dataSource is not null)
        {
            using (NpgsqlCommand drop = _dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{_table}_items\", \"{_table}_text\" CASCADE"))
            {
                drop.ExecuteNonQuery();
            }

            PostgresStoreConformanceTests.DropTables(_dataSource, _table);
            _dataSource.Dispose();
        }
    }

    /// <summary>Each text row's index and physical version (<c>xmin</c>, changed by any rewrite), in order.</summary>
    private string TextRowVersions(string id)
    {
        using NpgsqlCommand command = DataSource.CreateCommand($"SELECT string_agg(item_index || ':' || xmin::text, ',' ORDER BY item_index) FROM \"{_table}_text\" WHERE session_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return (string)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using NpgsqlCommand command = DataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string? value = null, NpgsqlTransaction? transaction = null)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (value is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    private sealed class Progress(List<int> reported) : IProgress<int>
    {
        public void Report(int value) => reported.Add(value);
    }
}

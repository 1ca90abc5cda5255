using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>What only a table has: which names it may take, and tables made by earlier versions of the store.</summary>
public sealed class PostgresSchemaTests : IDisposable
{
    private readonly string _table = "schema_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _dataSource;

    private NpgsqlDataSource DataSource => _dataSource ??= new NpgsqlSlimDataSourceBuilder(PostgresStoreConformanceTests.RequireServer()).Build();

    [Theory]
    [InlineData("pg_class")]
    [InlineData("PG_sessions")]
    [InlineData("information_schema")]
    [InlineData("select")]
    [InlineData("User")]
    [InlineData("table")]
    [InlineData("sessions-1")]
    [InlineData("1sessions")]
    [InlineData("_sessions")]
    [InlineData("")]
    [InlineData("s123456789012345678901234567890123456789012345678901234567")]
    public void ReservedOrUnsafeTableNames_AreRefused(string table)
    {
        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder("Host=127.0.0.1").Build();
        var error = Assert.Throws<ArgumentException>(() => PostgresSessionStores.ForStoredSessions(dataSource, table));
        Assert.Equal("table", error.ParamName);
        Assert.Contains(table, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheLongestAcceptedName_HasRoomForItsTables()
    {
        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder("Host=127.0.0.1").Build();
        Assert.Equal(57, PostgresSessionStores.ForStoredSessions(dataSource, new string('s', 57)).Table.Length);
    }

    /// <summary>A table as the store made it before issue 14 (jsonb, revisions counted per row) is migrated on first use; stale ETags still conflict.</summary>
    [SkippableFact]
    public void ATableOfAnEarlierVersion_IsMigrated_OnFirstUse()
    {
        Execute($"CREATE TABLE \"{_table}\" (id text PRIMARY KEY, body jsonb NOT NULL, revision bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
        Execute($"INSERT INTO \"{_table}\" (id, body, revision) VALUES ('old', '{{\"session_id\": \"old\", \"messages\": [\"kept\"], \"input_tokens\": 1, \"output_tokens\": 2}}', 7)");
        PostgresSessionStore<StoredSession> store = PostgresSessionStores.ForStoredSessions(DataSource, _table);

        SessionRevision<StoredSession> read = store.LoadRevision("old");
        Assert.Equal(["kept"], read.Session.Messages);
        Assert.Equal("7", read.ETag);
        string next = store.SaveIfMatch(read.Session with { Messages = ["kept", "a\0b"] }, read.ETag);
        Assert.True(long.Parse(next, System.Globalization.CultureInfo.InvariantCulture) > 7);
        Assert.Equal(["kept", "a\0b"], store.Load("old").Messages);
        Assert.Throws<SessionConflictException>(() => store.SaveIfMatch(read.Session, read.ETag));
        Assert.True(store.MoveToTrash("old"));
        _ = store.Restore("old");
        Assert.Equal(["kept", "a\0b"], store.Load("old").Messages);
    }

    /// <summary>Another client's write in flight: a transaction holding a row lock (and the table's ROW EXCLUSIVE lock) until disposed.</summary>
    private async Task<NpgsqlTransaction> WriteInFlightAsync(string sql)
    {
        NpgsqlConnection connection = await DataSource.OpenConnectionAsync();
        NpgsqlTransaction transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return transaction;
    }

    /// <summary>A new store instance's first call (a CLI invocation, a serverless start) reads the catalog only: it never waits behind, or blocks, other clients' writes.</summary>
    [SkippableFact]
    public async Task AFreshStoresFirstCall_OnAnUpToDateTable_TakesNoTableLock()
    {
        PostgresSessionStore<StoredSession> warm = PostgresSessionStores.ForStoredSessions(DataSource, _table);
        warm.Save(new StoredSession("x", ["hi"], 1, 1));
        NpgsqlTransaction update = await WriteInFlightAsync($"UPDATE \"{_table}\" SET revision = revision WHERE id = 'x'");
        try
        {
            var fresh = PostgresSessionStores.ForStoredSessions(DataSource, _table, new PostgresSessionStoreOptions { LockTimeout = TimeSpan.Zero });
            Assert.Equal(["hi"], (await fresh.LoadAsync("x").AsTask().WaitAsync(TimeSpan.FromSeconds(60))).Messages);
            await fresh.SaveAsync(new StoredSession("y", ["new"], 0, 0)).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(["new"], (await warm.LoadAsync("y").AsTask().WaitAsync(TimeSpan.FromSeconds(60))).Messages);
        }
        finally
        {
            await update.RollbackAsync();
            await update.Connection!.DisposeAsync();
        }
    }

    /// <summary>A table that does need an upgrade gets it under bounded lock waits: a typed timeout while a write holds the table, then the upgrade once it is free.</summary>
    [SkippableFact]
    public async Task AnOutdatedTable_IsUpgraded_WithLockWaitsBoundedByTheLockTimeout()
    {
        Execute($"CREATE TABLE \"{_table}\" (id text PRIMARY KEY, body json NOT NULL, revision bigint NOT NULL)");
        Execute($"INSERT INTO \"{_table}\" (id, body, revision) VALUES ('old', '{{\"session_id\": \"old\", \"messages\": [], \"input_tokens\": 0, \"output_tokens\": 0}}', 1)");
        NpgsqlTransaction update = await WriteInFlightAsync($"UPDATE \"{_table}\" SET revision = revision WHERE id = 'old'");
        var store = PostgresSessionStores.ForStoredSessions(DataSource, _table, new PostgresSessionStoreOptions { LockTimeout = TimeSpan.FromMilliseconds(200) });
        try
        {
            await Assert.ThrowsAsync<SessionLockTimeoutException>(() => store.LoadAsync("old").AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
        }
        finally
        {
            await update.RollbackAsync();
            await update.Connection!.DisposeAsync();
        }

        Assert.Empty(store.Load("old").Messages);
        using NpgsqlCommand column = DataSource.CreateCommand($"SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('\"{_table}\"') AND attname = 'updated_at'");
        Assert.Equal(1L, column.ExecuteScalar());
    }

    public void Dispose()
    {
        if (_dataSource is not null)
        {
            PostgresStoreConformanceTests.DropTables(_dataSource, _table);
            _dataSource.Dispose();
        }
    }

    private void Execute(string sql)
    {
        using NpgsqlCommand command = DataSource.CreateCommand(sql);
        command.ExecuteNonQuery();
    }
}

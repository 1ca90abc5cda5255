using System.Diagnostics;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>
/// The contract against a real PostgreSQL server, named by SESSIONSTORE_POSTGRES (a connection string;
/// .ci/run starts a throwaway cluster and sets it). Without it the tests are skipped, and say how to run
/// them; with CI=true a missing server fails the run instead.
/// </summary>
public class PostgresStoreConformanceTests : StoreConformanceTests
{
    internal const string Variable = "SESSIONSTORE_POSTGRES";
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly string _table = "conformance_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _dataSource;

    protected override void SkipIfUnavailable() => RequireServer();

    /// <summary>Skips without a server, fails without one under CI=true, and gives the connection string.</summary>
    internal static string RequireServer()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL conformance tests must run in CI.");
            }

            Skip.If(true, $"Set {Variable} to a PostgreSQL connection string (e.g. Host=127.0.0.1;Username=postgres;Database=postgres) to run these tests.");
        }

        return ConnectionString!;
    }

    protected override ISessionStore<StoredSession> CreateStore()
    {
        _dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString!).Build();
        return PostgresSessionStores.ForStoredSessions(_dataSource, _table);
    }

    protected override ISessionStore<StoredSession> CreateStore(TimeSpan lockTimeout, long maxSessionBytes) =>
        PostgresSessionStores.ForStoredSessions(_dataSource!, _table, new PostgresSessionStoreOptions { LockTimeout = lockTimeout, MaxSessionBytes = maxSessionBytes });

    protected override void PlantCorrupt(string id, string json)
    {
        ((PostgresSessionStore<StoredSession>)BackendStore).EnsureCreated();
        using NpgsqlCommand command = _dataSource!.CreateCommand($"INSERT INTO \"{_table}\" (id, body, revision) VALUES ($1, $2::json, 1)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        command.ExecuteNonQuery();
    }

    /// <summary>Takes the sessions' advisory locks on a connection of its own, as another machine's update would.</summary>
    protected override IDisposable HoldLocks(params string[] ids) => HoldAdvisoryLocks(_dataSource!, 0, ids.Select(id => _table + "/" + id));

    [SkippableFact]
    public void FirstUse_CreatesTheTable_WithoutBlockingTheThread()
    {
        SkipIfUnavailable();
        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString!).Build();
        string table = "first_use_" + Guid.NewGuid().ToString("N")[..12];
        PostgresSessionStore<StoredSession> store = PostgresSessionStores.ForStoredSessions(dataSource, table);
        try
        {
            SingleThreadedContext.Run(async () =>
            {
                IDisposable creating = HoldAdvisoryLocks(dataSource, 1, ["create " + table]);
                var clock = Stopwatch.StartNew();
                Task<IReadOnlyList<string>> list = store.ListAsync().AsTask();
                TimeSpan started = clock.Elapsed;
                await Task.Delay(300);
                Assert.True(started < TimeSpan.FromSeconds(2), $"starting ListAsync took {started}: the table's creation blocked the caller's thread");
                Assert.False(list.IsCompleted, "another creator holds the table's lock");
                creating.Dispose();
                Assert.Empty(await list.WaitAsync(TimeSpan.FromSeconds(30)));
            });
        }
        finally
        {
            DropTables(dataSource, table);
        }
    }

    /// <summary>
    /// PostgreSQL answers a lock request only when the lock is free, so an asynchronous wait could be written
    /// to block a pool thread after its first await, where no caller's thread would notice (the directory
    /// store waits before any await, which <see cref="StoreConformanceTests.AsyncMembers_WaitForALock_WithoutBlockingTheThread"/>
    /// sees). Here every wait reaches the server while the pool has fewer threads than there are waits.
    /// </summary>
    [SkippableFact]
    public void ManyLockWaits_ReachTheServer_WithoutAThreadEach()
    {
        SkipIfUnavailable();
        const int Waiters = 32;
        string[] ids = Enumerable.Range(0, Waiters).Select(i => "wait" + i).ToArray();
        foreach (string id in ids)
        {
            Store.Save(new StoredSession(id, [], 0, 0));
        }

        Task<StoredSession>[] updates;
        using (HoldLocks(ids))
        {
            updates = ids.Select(id => Store.UpdateAsync(id, s => s! with { OutputTokens = 7 }).AsTask()).ToArray();
            var clock = Stopwatch.StartNew();
            long waiting;
            while ((waiting = WaitingAdvisoryLocks()) < Waiters && clock.Elapsed < TimeSpan.FromSeconds(8))
            {
                Thread.Sleep(50);
            }

            Assert.True(waiting >= Waiters, $"only {waiting} of {Waiters} lock waits reached the server in {clock.Elapsed}, with {ThreadPool.ThreadCount} pool threads");
            Assert.True(ThreadPool.ThreadCount < Waiters, $"{Waiters} lock waits and {ThreadPool.ThreadCount} pool threads: each wait holds one");
            Assert.All(updates, update => Assert.False(update.IsCompleted, "the locks are held: nothing can have run"));
        }

        Assert.True(Task.WhenAll(updates).Wait(TimeSpan.FromSeconds(30)));
        Assert.All(ids, id => Assert.Equal(7, Store.Load(id).OutputTokens));
    }

    private long WaitingAdvisoryLocks()
    {
        using NpgsqlCommand count = _dataSource!.CreateCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
        return (long)count.ExecuteScalar()!;
    }

    internal static IDisposable HoldAdvisoryLocks(NpgsqlDataSource dataSource, int seed, IEnumerable<string> keys)
    {
        NpgsqlConnection connection = dataSource.OpenConnection();
        foreach (string key in keys)
        {
            using var command = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended($1, $2))", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = (long)seed });
            command.ExecuteNonQuery();
        }

        return new AdvisoryLocks(connection);
    }

    internal static void DropTables(NpgsqlDataSource dataSource, string table)
    {
        using NpgsqlCommand drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{table}_items\", \"{table}_text\", \"{table}\", \"{table}_trash\", \"{table}_pins\"");
        drop.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        if (_dataSource is not null)
        {
            DropTables(_dataSource, _table);
            _dataSource.Dispose();
        }

        base.Dispose();
    }

    /// <summary>Session-level advisory locks: released explicitly, since a pooled connection's session outlives its closing.</summary>
    private sealed class AdvisoryLocks(NpgsqlConnection connection) : IDisposable
    {
        public void Dispose()
        {
            using (var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", connection))
            {
                unlock.ExecuteNonQuery();
            }

            connection.Dispose();
        }
    }
}

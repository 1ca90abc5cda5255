using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>PostgreSQL reads the store's <see cref="TimeProvider"/>, not the server's clock: a test can move time.</summary>
public sealed class PostgresClockTests : IDisposable
{
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable(PostgresStoreConformanceTests.Variable);
    private readonly string _table = "clock_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _dataSource;

    [SkippableFact]
    public async Task Prune_ComparesWriteTimesOfTheStoresClock()
    {
        Skip.If(string.IsNullOrEmpty(ConnectionString) && !IsCi(), $"Set {PostgresStoreConformanceTests.Variable} to run against PostgreSQL.");
        _dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString).Build();
        var clock = new ManualClock(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = PostgresSessionStores.ForStoredSessions(_dataSource, _table, new PostgresSessionStoreOptions { TimeProvider = clock });

        store.Save(new StoredSession("written-2020", [], 0, 0));
        clock.Now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await store.SaveAsync(new StoredSession("written-2030", [], 0, 0));
        store.Update("written-2030", s => s! with { InputTokens = 1 });

        PruneResult pruned = await store.PruneAsync(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(["written-2020"], pruned.Trashed);
        TrashedSession trashed = Assert.Single(store.ListTrash());
        Assert.Equal((clock.Now, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)), (trashed.TrashedAt, trashed.LastModified));
        Assert.Equal(["written-2030"], store.List());
    }

    public void Dispose()
    {
        if (_dataSource is not null)
        {
            PostgresStoreConformanceTests.DropTables(_dataSource, _table);
            _dataSource.Dispose();
        }
    }

    private static bool IsCi() => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

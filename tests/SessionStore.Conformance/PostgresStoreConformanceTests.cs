using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>
/// The contract against a real PostgreSQL server, named by SESSIONSTORE_POSTGRES (a connection string;
/// .ci/run starts a throwaway cluster and sets it). Without it the tests are skipped, and say how to run
/// them; with CI=true a missing server fails the run instead.
/// </summary>
public sealed class PostgresStoreConformanceTests : StoreConformanceTests
{
    internal const string Variable = "SESSIONSTORE_POSTGRES";
    private static readonly string? ConnectionString = Environment.GetEnvironmentVariable(Variable);
    private readonly string _table = "conformance_" + Guid.NewGuid().ToString("N")[..12];
    private NpgsqlDataSource? _dataSource;

    protected override void SkipIfUnavailable()
    {
        if (string.IsNullOrEmpty(ConnectionString))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL conformance tests must run in CI.");
            }

            Skip.If(true, $"Set {Variable} to a PostgreSQL connection string (e.g. Host=127.0.0.1;Username=postgres;Database=postgres) to run these tests.");
        }
    }

    protected override ISessionStore<StoredSession> CreateStore()
    {
        _dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionString!).Build();
        return PostgresSessionStores.ForStoredSessions(_dataSource, _table);
    }

    protected override void PlantCorrupt(string id, string json)
    {
        ((PostgresSessionStore<StoredSession>)Store).EnsureCreated();
        using NpgsqlCommand command = _dataSource!.CreateCommand($"INSERT INTO \"{_table}\" (id, body, revision) VALUES ($1, $2::jsonb, 1)");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = json });
        command.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        if (_dataSource is not null)
        {
            using (NpgsqlCommand drop = _dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{_table}\""))
            {
                drop.ExecuteNonQuery();
            }

            _dataSource.Dispose();
        }

        base.Dispose();
    }
}

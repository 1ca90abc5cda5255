using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Tests.TestSupport;

/// <summary>
/// A session table no other test uses, on the PostgreSQL server SESSIONSTORE_POSTGRES names, dropped (with its trash
/// and pins tables) when disposed. Without the variable the test is skipped and says how to run it; with CI=true a
/// missing server fails it instead, as the conformance suite does.
/// </summary>
public sealed class PostgresTable : IDisposable
{
    public const string Variable = "SESSIONSTORE_POSTGRES";

    private PostgresTable(string connectionString, string name)
    {
        ConnectionString = connectionString;
        Name = name;
        DataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
    }

    public string ConnectionString { get; }

    /// <summary>The table's name: <c>tool_</c> and 12 random hex digits.</summary>
    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The library's store over the table (created on its first use), to write and read what the tool sees.</summary>
    public PostgresStoredSessionStore Store => PostgresSessionStores.ForStoredSessions(DataSource, Name);

    /// <summary>The same server and table as a <c>postgres://</c> URL, for <c>copy</c>.</summary>
    public string Url
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            return $"postgres://{Uri.EscapeDataString(builder.Username ?? "postgres")}@{builder.Host}:{builder.Port}/{builder.Database}?table={Name}";
        }
    }

    /// <summary>A new table's name on the server, or a skip (a failure with CI=true) when there is none.</summary>
    public static PostgresTable New()
    {
        string? connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(connectionString))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
                $"CI=true but {Variable} is not set: the tool's PostgreSQL tests must run in CI.");
            Skip.If(true, $"Set {Variable} to a PostgreSQL connection string (e.g. Host=127.0.0.1;Username=postgres;Database=postgres) to run these tests.");
        }

        return new PostgresTable(connectionString!, "tool_" + Guid.NewGuid().ToString("N")[..12]);
    }

    /// <summary>Runs one statement with positional parameters ($1, $2, ...); the rows it changed.</summary>
    public int Execute(string sql, params object[] values)
    {
        using NpgsqlCommand command = DataSource.CreateCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command.ExecuteNonQuery();
    }

    /// <summary>Whether the table exists.</summary>
    public bool Exists()
    {
        using NpgsqlCommand command = DataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = "\"" + Name + "\"" });
        return command.ExecuteScalar() is true;
    }

    public void Dispose()
    {
        try
        {
            _ = Execute($"DROP TABLE IF EXISTS \"{Name}_text\", \"{Name}\", \"{Name}_trash\", \"{Name}_pins\", \"{Name}_items\" CASCADE");
        }
        finally
        {
            DataSource.Dispose();
        }
    }
}

using System.Text.Json.Serialization;
using Npgsql;

namespace SessionStore.Conformance;

public sealed record TicketSession([property: SessionId] string Key, string Title, int Comments);

[JsonSerializable(typeof(TicketSession))]
internal sealed partial class TicketJsonContext : JsonSerializerContext;

/// <summary>A generated store; because this project references SessionStore.Postgres, it also gets <c>ForPostgres</c>.</summary>
[SessionStore(typeof(TicketSession), typeof(TicketJsonContext))]
public sealed partial class TicketStore;

/// <summary>One generated store type, both backends, the same behaviour.</summary>
public sealed class GeneratedStoreBackendTests
{
    private static readonly string? Postgres = Environment.GetEnvironmentVariable(PostgresStoreConformanceTests.Variable);

    [Fact]
    public void OnADirectory()
    {
        string directory = Directory.CreateTempSubdirectory("sessionstore-generated-").FullName;
        try
        {
            Exercise(new TicketStore(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [SkippableFact]
    public void OnPostgres()
    {
        if (string.IsNullOrEmpty(Postgres))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true needs SESSIONSTORE_POSTGRES");
            Skip.If(true, $"Set {PostgresStoreConformanceTests.Variable} to run against PostgreSQL.");
        }

        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder(Postgres).Build();
        string table = "tickets_" + Guid.NewGuid().ToString("N")[..10];
        try
        {
            Exercise(TicketStore.ForPostgres(dataSource, table));
        }
        finally
        {
            using NpgsqlCommand drop = dataSource.CreateCommand($"DROP TABLE IF EXISTS \"{table}\"");
            drop.ExecuteNonQuery();
        }
    }

    private static void Exercise(ISessionStore<TicketSession> store)
    {
        store.Save(new TicketSession("T-1", "printer on fire", 0));
        Assert.Equal(new TicketSession("T-1", "printer on fire", 0), store.Load("T-1"));
        Assert.Equal(2, store.Update("T-1", t => t! with { Comments = t.Comments + 2 }).Comments);
        Assert.Equal(["T-1"], store.List());
        Assert.True(store.Delete("T-1"));
        Assert.False(store.Delete("T-1"));
#pragma warning disable SS0003 // an id that can never be valid: the run-time refusal is what is tested
        Assert.Throws<InvalidSessionIdException>(() => store.Save(new TicketSession("../x", "", 0)));
#pragma warning restore SS0003
    }
}

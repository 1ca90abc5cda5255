using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

public sealed record TicketSession([property: SessionId] string Key, string Title, int Comments);

[JsonSerializable(typeof(TicketSession))]
internal sealed partial class TicketJsonContext : JsonSerializerContext;

/// <summary>A generated store; because this project references SessionStore.Postgres, it also gets <c>ForPostgres</c>.</summary>
[SessionStore(typeof(TicketSession), typeof(TicketJsonContext))]
public sealed partial class TicketStore;

public sealed record NoteSession([property: SessionId] string Key, string Text, int Stars);

[JsonSerializable(typeof(NoteSession))]
internal sealed partial class NoteJsonContext : JsonSerializerContext;

/// <summary>A versioned generated store with a check of its own: both reach PostgreSQL through its <c>Descriptor</c>.</summary>
[SessionStore(typeof(NoteSession), typeof(NoteJsonContext), SchemaVersion = 2)]
public sealed partial class NoteStore
{
    [SessionMigration(1)]
    private static void From1(JsonObject session)
    {
        session["Text"] = session["Body"]?.DeepClone();
        session.Remove("Body");
        session["Stars"] = 0;
    }

    protected override void ValidateSession(NoteSession session)
    {
        if (session.Stars < 0)
        {
            throw new ArgumentException("A note has no negative stars.", nameof(session));
        }
    }
}

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
            string notes = Path.Join(directory, "notes");
            Directory.CreateDirectory(notes);
            ExerciseVersioned(new NoteStore(notes), (id, json) => File.WriteAllText(Path.Join(notes, id + ".json"), json), id => File.ReadAllText(Path.Join(notes, id + ".json")));
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
            PostgresSessionStore<NoteSession> notes = NoteStore.ForPostgres(dataSource, "n" + table);
            notes.EnsureCreated();
            ExerciseVersioned(notes, (id, json) => Sql(dataSource, $"INSERT INTO \"n{table}\" (id, body, revision) VALUES ($1, $2::jsonb, 1)", id, json), id => Sql(dataSource, $"SELECT body::text FROM \"n{table}\" WHERE id = $1", id)!);
        }
        finally
        {
            PostgresStoreConformanceTests.DropTables(dataSource, table);
            PostgresStoreConformanceTests.DropTables(dataSource, "n" + table);
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

    /// <summary>Older sessions are migrated on load, newer ones neither loaded nor overwritten, and the store's own check runs, whatever the backend.</summary>
    private static void ExerciseVersioned(ISessionStore<NoteSession> store, Action<string, string> plant, Func<string, string> stored)
    {
        plant("old", "{\"Key\": \"old\", \"Body\": \"written by version 1\"}");
        Assert.Equal(new NoteSession("old", "written by version 1", 0), store.Load("old"));
        store.Update("old", n => n! with { Stars = 5 });
        Assert.Contains("\"schema_version\": 2", stored("old"), StringComparison.Ordinal);
        Assert.Equal(new NoteSession("old", "written by version 1", 5), store.Load("old"));

        string newer = "{\"schema_version\": 3, \"Key\": \"newer\", \"Text\": \"from the future\", \"Stars\": 1}";
        plant("newer", newer);
        var refused = Assert.Throws<SessionSchemaVersionException>(() => store.Load("newer"));
        Assert.Equal((3, 2), (refused.FileVersion, refused.SupportedVersion));
        Assert.Throws<SessionSchemaVersionException>(() => store.Save(new NoteSession("newer", "overwrite", 0)));
        Assert.Contains("from the future", stored("newer"), StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => store.Save(new NoteSession("negative", "no", -1)));
        Assert.False(store.Exists("negative"));
        plant("planted", "{\"schema_version\": 2, \"Key\": \"planted\", \"Text\": \"bad\", \"Stars\": -1}");
        Assert.Throws<SessionCorruptException>(() => store.Load("planted"));
    }

    private static string? Sql(NpgsqlDataSource dataSource, string sql, params object[] values)
    {
        using NpgsqlCommand command = dataSource.CreateCommand(sql);
        foreach (object value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command.ExecuteScalar() as string;
    }
}

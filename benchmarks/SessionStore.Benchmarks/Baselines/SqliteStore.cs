using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SessionStore.Benchmarks.Baselines;

/// <summary>What a .NET user would pick instead: one SQLite table id -> JSON, WAL, synchronous=FULL when durable.</summary>
public sealed class SqliteStore : IDisposable
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly SqliteConnection _connection;

    public SqliteStore(string path, bool durable)
    {
        _connection = new SqliteConnection($"Data Source={path};Pooling=False");
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute(durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=OFF;");
        Execute("CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, body TEXT NOT NULL);");
    }

    public void Save(StoredSession session)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO sessions (id, body) VALUES ($id, $body) ON CONFLICT(id) DO UPDATE SET body = excluded.body;";
        command.Parameters.AddWithValue("$id", session.SessionId);
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(session, Options));
        command.ExecuteNonQuery();
    }

    public StoredSession Load(string id)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT body FROM sessions WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return JsonSerializer.Deserialize<StoredSession>((string)command.ExecuteScalar()!, Options)!;
    }

    public bool Exists(string id)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM sessions WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteScalar() is not null;
    }

    public List<string> List()
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "SELECT id FROM sessions ORDER BY id;";
        using SqliteDataReader reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    public bool Delete(string id)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM sessions WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

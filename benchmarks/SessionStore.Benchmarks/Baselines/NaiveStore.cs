using System.Text.Json;

namespace SessionStore.Benchmarks.Baselines;

/// <summary>What a .NET user writes without a library: File.WriteAllText of reflection-based JSON, in place.</summary>
public sealed class NaiveStore(string directory)
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public void Save(StoredSession session)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Join(directory, session.SessionId + ".json"), JsonSerializer.Serialize(session, Options));
    }

    public StoredSession Load(string id) => JsonSerializer.Deserialize<StoredSession>(File.ReadAllText(Path.Join(directory, id + ".json")), Options)!;

    public List<string> List() => Directory.EnumerateFiles(directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList()!;

    public void Delete(string id) => File.Delete(Path.Join(directory, id + ".json"));
}

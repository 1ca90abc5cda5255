namespace SessionStore.Benchmarks;

/// <summary>Benchmark sessions: realistic ~60-byte messages.</summary>
public static class Sessions
{
    public static StoredSession Make(string id, int messages) =>
        new(id, Enumerable.Range(0, messages).Select(i => $"message {i}: the quick brown fox jumps over the lazy dog, turn {i}").ToArray(), messages * 10L, messages * 20L);

    public static string NewDirectory(string name) => Directory.CreateTempSubdirectory("sessionstore-bench-" + name + "-").FullName;
}

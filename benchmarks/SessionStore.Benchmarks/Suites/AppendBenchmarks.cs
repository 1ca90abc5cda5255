using BenchmarkDotNet.Attributes;

namespace SessionStore.Benchmarks.Suites;

/// <summary>Per-turn persistence: appending one message to a session of 10 or 10,000 messages, against re-saving it whole.</summary>
[MemoryDiagnoser]
public class AppendBenchmarks
{
    private static readonly string[] Turn = ["one more turn: the quick brown fox jumps over the lazy dog"];
    private FileSessionStore _store = null!;
    private StoredSession _session = null!;
    private string _directory = null!;

    [Params(10, 10_000)]
    public int Messages { get; set; }

    [Params(true, false)]
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Sessions.NewDirectory("append");
        _store = new FileSessionStore(Path.Join(_directory, "ours"), new FileSessionStoreOptions { Durable = Durable });
        _session = Sessions.Make("s", Messages);
        _store.Save(_session);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public string SaveWhole() => _store.Save(_session);

    [Benchmark]
    public void Append() => _store.Append("s", Turn, 1, 1);
}

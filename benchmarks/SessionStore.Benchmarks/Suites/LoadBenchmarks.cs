using BenchmarkDotNet.Attributes;
using SessionStore.Benchmarks.Baselines;

namespace SessionStore.Benchmarks.Suites;

/// <summary>Loading one session against reading the same bytes, naive C# and SQLite.</summary>
[MemoryDiagnoser]
public class LoadBenchmarks
{
    private FileSessionStore _store = null!;
    private NaiveStore _naive = null!;
    private SqliteStore _sqlite = null!;
    private string _directory = null!;

    [Params(10, 1_000, 10_000)]
    public int Messages { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Sessions.NewDirectory("load");
        _store = new FileSessionStore(Path.Join(_directory, "ours"), new FileSessionStoreOptions { Durable = false });
        _naive = new NaiveStore(Path.Join(_directory, "naive"));
        _sqlite = new SqliteStore(Path.Join(_directory, "sessions.db"), durable: false);
        StoredSession session = Sessions.Make("s", Messages);
        _store.Save(session);
        _naive.Save(session);
        _sqlite.Save(session);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public byte[] ReadTheBytes() => Floor.Read(_store.DirectoryPath, "s.json");

    [Benchmark]
    public StoredSession SessionStore() => _store.Load("s");

    [Benchmark]
    public StoredSession NaiveCSharp() => _naive.Load("s");

    [Benchmark]
    public StoredSession Sqlite() => _sqlite.Load("s");
}

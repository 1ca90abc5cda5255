using BenchmarkDotNet.Attributes;
using SessionStore.Benchmarks.Baselines;

namespace SessionStore.Benchmarks.Suites;

/// <summary>Saving one session, durable and not, against the floor (same bytes, temp + rename), naive C# and SQLite.</summary>
[MemoryDiagnoser]
public class SaveBenchmarks
{
    private FileSessionStore _store = null!;
    private NaiveStore _naive = null!;
    private SqliteStore _sqlite = null!;
    private StoredSession _session = null!;
    private byte[] _bytes = null!;
    private string _directory = null!;

    [Params(10, 1_000, 10_000)]
    public int Messages { get; set; }

    [Params(true, false)]
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Sessions.NewDirectory("save");
        _store = new FileSessionStore(Path.Join(_directory, "ours"), new FileSessionStoreOptions { Durable = Durable });
        _naive = new NaiveStore(Path.Join(_directory, "naive"));
        Directory.CreateDirectory(Path.Join(_directory, "floor"));
        _sqlite = new SqliteStore(Path.Join(_directory, "sessions.db"), Durable);
        _session = Sessions.Make("s", Messages);
        _bytes = File.ReadAllBytes(_store.Save(_session));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public void Floor() => Baselines.Floor.Write(Path.Join(_directory, "floor"), "s.json", _bytes, Durable);

    [Benchmark]
    public string SessionStore() => _store.Save(_session);

    [Benchmark]
    public void NaiveCSharp() => _naive.Save(_session);

    [Benchmark]
    public void Sqlite() => _sqlite.Save(_session);
}

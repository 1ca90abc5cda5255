using BenchmarkDotNet.Attributes;
using SessionStore.Benchmarks.Baselines;

namespace SessionStore.Benchmarks.Suites;

/// <summary>List and Exists over directories of 1,000 to 100,000 sessions, against a bare Directory.EnumerateFiles.</summary>
[MemoryDiagnoser]
public class DirectoryBenchmarks
{
    private FileSessionStore _store = null!;
    private NaiveStore _naive = null!;
    private SqliteStore _sqlite = null!;
    private string _directory = null!;

    [Params(1_000, 10_000, 100_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Benchmarks.Sessions.NewDirectory("dir");
        _store = new FileSessionStore(Path.Join(_directory, "ours"), new FileSessionStoreOptions { Durable = false });
        _naive = new NaiveStore(_store.DirectoryPath);
        _sqlite = new SqliteStore(Path.Join(_directory, "sessions.db"), durable: false);
        StoredSession session = Benchmarks.Sessions.Make("s", 2);
        for (int i = 0; i < Sessions; i++)
        {
            _store.Save(session with { SessionId = "s" + i });
        }

        for (int i = 0; i < Math.Min(Sessions, 10_000); i++)
        {
            _sqlite.Save(session with { SessionId = "s" + i });
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sqlite.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public int EnumerateFiles() => Directory.EnumerateFiles(_store.DirectoryPath).Count();

    [Benchmark]
    public int List() => _store.List().Count;

    [Benchmark]
    public int NaiveList() => _naive.List().Count;

    [Benchmark]
    public bool Exists() => _store.Exists("s7");

    [Benchmark]
    public bool FileExists() => File.Exists(Path.Join(_store.DirectoryPath, "s7.json"));
}

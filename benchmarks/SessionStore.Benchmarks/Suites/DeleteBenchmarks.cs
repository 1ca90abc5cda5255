using BenchmarkDotNet.Attributes;

namespace SessionStore.Benchmarks.Suites;

/// <summary>Deleting sessions (under the session lock, saying who deleted) against a bare File.Delete.</summary>
[MemoryDiagnoser]
public class DeleteBenchmarks
{
    private const int PerIteration = 200;
    private FileSessionStore _store = null!;
    private string _directory = null!;
    private string[] _ids = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Sessions.NewDirectory("delete");
        _store = new FileSessionStore(Path.Join(_directory, "ours"), new FileSessionStoreOptions { Durable = false });
        _ids = Enumerable.Range(0, PerIteration).Select(i => "s" + i).ToArray();
    }

    [IterationSetup]
    public void Refill()
    {
        foreach (string id in _ids)
        {
            _store.Save(Sessions.Make(id, 10));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = PerIteration)]
    public void FileDelete()
    {
        foreach (string id in _ids)
        {
            File.Delete(Path.Join(_store.DirectoryPath, id + ".json"));
        }
    }

    [Benchmark(OperationsPerInvoke = PerIteration)]
    public int SessionStore()
    {
        int deleted = 0;
        foreach (string id in _ids)
        {
            deleted += _store.Delete(id) ? 1 : 0;
        }

        return deleted;
    }
}

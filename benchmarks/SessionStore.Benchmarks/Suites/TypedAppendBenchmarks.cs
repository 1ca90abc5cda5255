using BenchmarkDotNet.Attributes;
using SessionStore.Benchmarks.Typed;

namespace SessionStore.Benchmarks.Suites;

/// <summary>
/// Per-turn persistence of a user's own session type: a typed append of one turn to a session of 10 or 10,000
/// turns, against an <c>Update</c> that adds it (what the agents package did before) and a whole save.
/// </summary>
[MemoryDiagnoser]
public class TypedAppendBenchmarks
{
    private static readonly ChatTurn[] Turn = [TypedChat.Turn];
    private FileSessionStore<TypedChat> _store = null!;
    private TypedChat _session = null!;
    private string _directory = null!;

    [Params(10, 10_000)]
    public int Turns { get; set; }

    [Params(true, false)]
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Sessions.NewDirectory("typed-append");
        _store = new FileSessionStore<TypedChat>(Path.Join(_directory, "ours"), TypedChat.Descriptor, new FileSessionStoreOptions { Durable = Durable });
        _session = TypedChat.Make("s", Turns);
        _store.Save(_session);
        _store.Save(_session with { Id = "u" });
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true)]
    public string SaveWhole() => _store.Save(_session);

    [Benchmark]
    public void TypedAppend() => _store.Append("s", Turn);

    [Benchmark]
    public TypedChat UpdateAppend() => _store.Update("u", c => c! with { Turns = [.. c.Turns, TypedChat.Turn], Tokens = c.Tokens + TypedChat.Turn.Tokens });
}

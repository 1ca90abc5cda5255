using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace SessionStore.Benchmarks.Suites;

/// <summary>
/// Load and save with nobody listening (the cost of the instrumentation points alone) and with a
/// listener that records every span and duration (what tracing costs). The same file builds against
/// a tree without telemetry, for the before/after figures in docs/performance.md.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private FileSessionStore _store = null!;
    private StoredSession _session = null!;
    private string _directory = null!;
    private ActivityListener? _spans;
    private MeterListener? _metrics;

    [Params(false, true)]
    public bool Listening { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Sessions.NewDirectory("telemetry");
        _store = new FileSessionStore(Path.Join(_directory, "ours"), new FileSessionStoreOptions { Durable = false });
        _session = Sessions.Make("s", 10);
        _store.Save(_session);
        if (Listening)
        {
            _spans = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "SessionStore",
                Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            };
            ActivitySource.AddActivityListener(_spans);
            _metrics = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == "SessionStore")
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _metrics.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
            _metrics.Start();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _spans?.Dispose();
        _metrics?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public StoredSession Load() => _store.Load("s");

    [Benchmark]
    public string Save() => _store.Save(_session);
}

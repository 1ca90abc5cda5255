namespace SessionStore.Conformance;

/// <summary>
/// The telemetry tests listen to the process-wide <c>SessionStore</c> source and meter, whose exporters
/// are not safe to feed from other tests' threads: they run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}

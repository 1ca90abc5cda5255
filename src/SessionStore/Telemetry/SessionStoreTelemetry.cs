namespace SessionStore;

/// <summary>
/// The names under which both backends emit OpenTelemetry data: subscribe with
/// <c>AddSource(SessionStoreTelemetry.Name)</c> and <c>AddMeter(SessionStoreTelemetry.Name)</c>.
/// See docs/telemetry.md for the spans, attributes, metrics and logs.
/// </summary>
public static class SessionStoreTelemetry
{
    /// <summary>The name of the library's <see cref="System.Diagnostics.ActivitySource"/>, <see cref="System.Diagnostics.Metrics.Meter"/> and log category.</summary>
    public const string Name = "SessionStore";

    /// <summary>The histogram of operation durations, in seconds (OpenTelemetry's database client convention).</summary>
    public const string OperationDuration = "db.client.operation.duration";
}

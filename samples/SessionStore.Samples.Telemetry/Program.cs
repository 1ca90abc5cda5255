using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using SessionStore;
using SessionStore.Samples.Telemetry;

// Usage: telemetry-demo [postgres-connection-string]
string directory = Directory.CreateTempSubdirectory("telemetry-demo-").FullName;
string? postgres = args.Length > 0 ? args[0] : null;
var spans = new List<Activity>();
var metrics = new List<Metric>();
var exported = new List<Metric>();
using (ServiceProvider provider = TelemetryHost.Build(directory, postgres, "telemetry_demo", spans, metrics))
{
    TelemetryHost.Exercise(provider.GetRequiredKeyedService<ISessionStore<StoredSession>>("files"), "demo", "hello");
    if (postgres is not null)
    {
        TelemetryHost.Exercise(provider.GetRequiredKeyedService<ISessionStore<StoredSession>>("postgres"), "demo", "hello");
    }

    provider.GetRequiredService<MeterProvider>().ForceFlush();
    exported.AddRange(metrics); // Disposing the provider exports once more.
}

foreach (Activity span in spans)
{
    Console.WriteLine($"{span.DisplayName,-40} {span.Duration.TotalMilliseconds,8:F3} ms {span.Status} {span.GetTagItem("error.type")}");
}

foreach (Metric metric in exported)
{
    foreach (ref readonly MetricPoint point in metric.GetMetricPoints())
    {
        Console.WriteLine($"{metric.Name} {point.GetHistogramCount()} x, {point.GetHistogramSum():F6} s");
    }
}

Directory.Delete(directory, recursive: true);

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SessionStore.Samples.Telemetry;

/// <summary>
/// The registration a host makes: a directory store (key "files") and, when a connection string is given,
/// a PostgreSQL store (key "postgres") over the container's data source, with the container's logging and
/// meter factory, and OpenTelemetry exporting the SessionStore source and meter to in-memory lists.
/// </summary>
public static class TelemetryHost
{
    /// <summary>Builds the container; resolving it starts the tracer and meter providers.</summary>
    /// <param name="directory">The directory store's directory.</param>
    /// <param name="postgres">A PostgreSQL connection string, or <see langword="null"/> for the directory store only.</param>
    /// <param name="table">The PostgreSQL store's table.</param>
    /// <param name="spans">Receives the exported spans.</param>
    /// <param name="metrics">Receives the exported metrics.</param>
    /// <returns>The container.</returns>
    public static ServiceProvider Build(string directory, string? postgres, string table, ICollection<Activity> spans, ICollection<Metric> metrics)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(SessionStoreTelemetry.Name).AddInMemoryExporter(spans))
            .WithMetrics(metering => metering.AddMeter(SessionStoreTelemetry.Name).AddInMemoryExporter(metrics));
        services.AddKeyedFileSessionStore("files", directory);
        if (postgres is not null)
        {
            services.AddNpgsqlSlimDataSource(postgres);
            services.AddKeyedPostgresSessionStore("postgres", table, SessionDescriptor.StoredSession);
        }

        ServiceProvider provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();
        _ = provider.GetRequiredService<MeterProvider>();
        return provider;
    }

    /// <summary>Saves, loads and updates a session, then saves it against a stale ETag (a conflict the spans record as an error).</summary>
    /// <param name="store">The store.</param>
    /// <param name="id">The session's id.</param>
    /// <param name="message">A message to store (it must not appear in any span or metric).</param>
    public static void Exercise(ISessionStore<StoredSession> store, string id, string message)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Save(new StoredSession(id, [message], 1, 1));
        _ = store.Load(id);
        _ = store.Update(id, s => s! with { InputTokens = s.InputTokens + 1 });
        try
        {
            store.SaveIfMatch(new StoredSession(id, [message], 2, 2), "stale");
        }
        catch (SessionConflictException)
        {
        }
    }
}

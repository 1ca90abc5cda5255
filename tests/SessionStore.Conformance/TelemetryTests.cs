using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using SessionStore.Samples.Telemetry;

namespace SessionStore.Conformance;

/// <summary>
/// The telemetry sample host, registered as a host would (both backends through DI, OpenTelemetry with the
/// in-memory exporter): each operation is one client span and one duration point named after the
/// database client conventions, a failure carries error.type, and nothing of the sessions' content
/// or ids is exported.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests : IDisposable
{
    private const string Message = "the secret text of a message";
    private readonly string _directory = Directory.CreateTempSubdirectory("telemetry-").FullName;
    private readonly string _table = "telemetry_" + Guid.NewGuid().ToString("N")[..12];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void TheDirectoryStore_ExportsASpanAndADurationPerOperation_AndTheErrorTypeOfAFailure() =>
        ExportsOperations("files", postgres: null, "sessionstore.files", _directory);

    [SkippableFact]
    public void ThePostgresStore_ExportsASpanAndADurationPerOperation_AndTheErrorTypeOfAFailure()
    {
        string? postgres = Environment.GetEnvironmentVariable(PostgresStoreConformanceTests.Variable);
        if (string.IsNullOrEmpty(postgres))
        {
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), "CI=true needs SESSIONSTORE_POSTGRES");
            Skip.If(true, $"Set {PostgresStoreConformanceTests.Variable} to run against PostgreSQL.");
        }

        ExportsOperations("postgres", postgres, "postgresql", _table);
    }

    [Fact]
    public async Task EveryDirectoryStoreOperation_IsOneSpan_NamedAfterIt()
    {
        var spans = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SessionStoreTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (_directory.Equals(activity.GetTagItem("db.collection.name")))
                {
                    lock (spans)
                    {
                        spans.Add((string)activity.GetTagItem("db.operation.name")!);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var store = new FileSessionStore(_directory, new FileSessionStoreOptions { Durable = false });

        store.Save(new StoredSession("a", ["one"], 1, 1));
        _ = store.Exists("a");
        _ = store.List();
        _ = store.Fork("a", "b");
        store.Append("b", ["two"], 1, 1);
        _ = store.MoveToTrash("b");
        _ = await store.RestoreAsync("b");
        _ = store.Import([new StoredSession("c", [], 0, 0)]);
        _ = store.Check();
        _ = store.PruneOlderThan(DateTimeOffset.UtcNow.AddDays(-1));
        _ = store.Prune(DateTimeOffset.UtcNow.AddDays(-1));
        _ = store.Delete("c");

        lock (spans)
        {
            Assert.Equal(["save", "exists", "list", "fork", "append", "move_to_trash", "restore", "import", "repair", "prune", "prune", "delete"], spans);
        }
    }

    [Fact]
    public void UnderDependencyInjection_TheStoresMeterComesFromTheContainersFactory_ElseItIsTheStaticOne()
    {
        var scopes = new List<object?>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == SessionStoreTelemetry.Name && instrument.Name == SessionStoreTelemetry.OperationDuration)
                {
                    lock (scopes)
                    {
                        scopes.Add(instrument.Meter.Scope);
                    }
                }
            },
        };
        listener.Start();
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddFileSessionStore(_directory);
        using ServiceProvider provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<ISessionStore<StoredSession>>();
        _ = new FileSessionStore(_directory);

        lock (scopes)
        {
            Assert.Contains(provider.GetRequiredService<IMeterFactory>(), scopes);
            Assert.Contains(null, scopes);
        }
    }

    private void ExportsOperations(string key, string? postgres, string system, string collection)
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var points = new List<(string Operation, string? ErrorType, long Count, double Sum, Dictionary<string, object?> Tags)>();
        string id = "tele-" + Guid.NewGuid().ToString("N")[..8];
        using (ServiceProvider provider = TelemetryHost.Build(_directory, postgres, _table, spans, metrics))
        {
            var store = provider.GetRequiredKeyedService<ISessionStore<StoredSession>>(key);
            TelemetryHost.Exercise(store, id, Message);
            Assert.True(provider.GetRequiredService<MeterProvider>().ForceFlush());
            Metric duration = Assert.Single(metrics, m => m.Name == "db.client.operation.duration");
            Assert.Equal("s", duration.Unit);
            foreach (ref readonly MetricPoint point in duration.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (KeyValuePair<string, object?> tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                points.Add(((string)tags["db.operation.name"]!, tags.GetValueOrDefault("error.type") as string, point.GetHistogramCount(), point.GetHistogramSum(), tags));
            }

            if (postgres is not null)
            {
                ((Npgsql.NpgsqlDataSource)provider.GetRequiredService(typeof(Npgsql.NpgsqlDataSource))).CreateCommand($"DROP TABLE IF EXISTS {_table}_text, {_table}, {_table}_trash, {_table}_pins").ExecuteNonQuery();
            }
        }

        // The source and the meter are process-wide: keep what this test's store did.
        spans.RemoveAll(s => !collection.Equals(s.GetTagItem("db.collection.name")));
        points.RemoveAll(p => !collection.Equals(p.Tags.GetValueOrDefault("db.collection.name")));

        // One span per operation, in order; the read inside the update and the conditional save is not a span of its own.
        Assert.Equal(["save", "read", "update", "save"], spans.Select(s => (string)s.GetTagItem("db.operation.name")!));
        foreach (Activity span in spans)
        {
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal(SessionStoreTelemetry.Name, span.Source.Name);
            Assert.Equal($"{span.GetTagItem("db.operation.name")} {collection}", span.DisplayName);
            Assert.Equal(system, span.GetTagItem("db.system.name"));
            Assert.Equal(collection, span.GetTagItem("db.collection.name"));
        }

        Assert.All(spans.Take(3), s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
        Assert.All(spans.Take(3), s => Assert.Null(s.GetTagItem("error.type")));
        Assert.Equal(ActivityStatusCode.Error, spans[3].Status);
        Assert.Equal("SessionStore.SessionConflictException", spans[3].GetTagItem("error.type"));

        // One duration per operation, the failed save apart from the saved one, in seconds.
        Assert.Equal(
            [("read", null, 1L), ("save", null, 1L), ("save", "SessionStore.SessionConflictException", 1L), ("update", null, 1L)],
            points.Select(p => (p.Operation, p.ErrorType, p.Count)).OrderBy(p => p.Operation, StringComparer.Ordinal).ThenBy(p => p.ErrorType, StringComparer.Ordinal));
        Assert.All(points, p => Assert.InRange(p.Sum, double.Epsilon, 60));
        Assert.All(points, p => Assert.Equal(system, p.Tags["db.system.name"]));

        // Nothing of the content, nor the session's id.
        IEnumerable<string> exported = spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? ""))
            .Concat(points.SelectMany(p => p.Tags.Values.Select(v => $"{v}")));
        Assert.DoesNotContain(exported, value => value.Contains(Message, StringComparison.Ordinal) || value.Contains(id, StringComparison.Ordinal));
    }
}

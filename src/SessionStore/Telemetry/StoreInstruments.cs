using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SessionStore.Telemetry;

/// <summary>
/// One store's span source, duration histogram and logger, following OpenTelemetry's database client
/// conventions. <see cref="Start"/> costs a listener check and nothing else when nobody listens.
/// </summary>
internal sealed class StoreInstruments
{
    /// <summary>The library's one activity source.</summary>
    internal static readonly ActivitySource Source = new(SessionStoreTelemetry.Name, Version);

    /// <summary>The meter of stores made without a meter factory.</summary>
    private static readonly Meter StaticMeter = new(SessionStoreTelemetry.Name, Version);

    /// <summary>The store whose operation is running in this flow: an operation inside another (the read of a conditional save) is not measured twice.</summary>
    private static readonly AsyncLocal<StoreInstruments?> Running = new();

    /// <summary>The bucket boundaries the convention advises for <c>db.client.operation.duration</c>.</summary>
    private static readonly double[] Buckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10];

    private readonly Histogram<double> _duration;
    private readonly string[] _spanNames;

    /// <summary>Creates the instruments of a store.</summary>
    /// <param name="system">The <c>db.system.name</c>: <c>postgresql</c>, or <see cref="FileSystem"/>.</param>
    /// <param name="collection">The <c>db.collection.name</c>: the directory or the table.</param>
    /// <param name="meterFactory">Creates the meter (from dependency injection); <see langword="null"/> for the static one.</param>
    /// <param name="loggerFactory">Creates the logger; <see langword="null"/> for none.</param>
    internal StoreInstruments(string system, string collection, IMeterFactory? meterFactory, ILoggerFactory? loggerFactory)
    {
        System = system;
        Collection = collection;
        Meter meter = meterFactory?.Create(new MeterOptions(SessionStoreTelemetry.Name) { Version = Version }) ?? StaticMeter;
        _duration = meter.CreateHistogram(SessionStoreTelemetry.OperationDuration, "s", "Duration of session store operations.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });
        Logger = loggerFactory?.CreateLogger(SessionStoreTelemetry.Name) ?? NullLogger.Instance;
        _spanNames = new string[OperationNames.Length];
        for (int i = 0; i < _spanNames.Length; i++)
        {
            _spanNames[i] = OperationNames[i] + " " + collection;
        }
    }

    /// <summary>The <c>db.system.name</c> of the directory store: no well-known value fits a directory of JSON files, so it is namespaced by the library.</summary>
    internal const string FileSystem = "sessionstore.files";

    /// <summary>The <c>db.system.name</c> of PostgreSQL (a well-known value).</summary>
    internal const string PostgreSql = "postgresql";

    /// <summary>The <c>db.operation.name</c> of each <see cref="SessionOperation"/>, by its value.</summary>
    internal static readonly string[] OperationNames =
        ["unspecified", "read", "list", "save", "update", "append", "delete", "move_to_trash", "restore", "empty_trash", "pin", "unpin", "prune", "repair", "create", "import", "fork", "exists"];

    internal string System { get; }

    internal string Collection { get; }

    internal ILogger Logger { get; }

    private static string? Version => typeof(StoreInstruments).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Starts measuring <paramref name="operation"/>: <see langword="null"/> when nobody listens or an operation of this store already runs in this flow.</summary>
    internal OperationScope? Start(SessionOperation operation)
    {
        if (!_duration.Enabled && !Source.HasListeners())
        {
            return null;
        }

        if (Running.Value == this)
        {
            return null;
        }

        Activity? activity = Source.StartActivity(_spanNames[(int)operation], ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", System);
            activity.SetTag("db.collection.name", Collection);
            activity.SetTag("db.operation.name", OperationNames[(int)operation]);
        }

        Running.Value = this;
        return new OperationScope(this, operation, activity);
    }

    /// <summary>Records <paramref name="error"/> on the scope and logs what an operator must know; returns <see langword="false"/>, for an exception filter that lets the exception pass.</summary>
    internal bool Failed(OperationScope? scope, Exception error)
    {
        switch (error)
        {
            case SessionLockTimeoutException timeout:
                StoreLog.LockTimeout(Logger, timeout.SessionId, timeout.Timeout, timeout.Operation, Collection);
                break;
            case UnsafeSessionDirectoryException refused:
                StoreLog.DirectoryRefused(Logger, refused.DirectoryPath, refused.Reason);
                break;
        }

        scope?.Fail(error);
        return false;
    }

    /// <summary>Records the duration of an operation that ended.</summary>
    internal void Record(SessionOperation operation, TimeSpan elapsed, string? errorType)
    {
        Running.Value = null;
        if (!_duration.Enabled)
        {
            return;
        }

        TagList tags = new()
        {
            { "db.system.name", System },
            { "db.collection.name", Collection },
            { "db.operation.name", OperationNames[(int)operation] },
        };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        _duration.Record(elapsed.TotalSeconds, tags);
    }
}

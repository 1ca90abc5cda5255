using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace SessionStore.Telemetry;

/// <summary>The options of a backend that say where its meter and logger come from; dependency injection fills them from the container.</summary>
internal interface ITelemetryOptions
{
    /// <summary>Creates the store's meter; <see langword="null"/> for the library's static one.</summary>
    IMeterFactory? MeterFactory { get; set; }

    /// <summary>Creates the store's logger; <see langword="null"/> for none.</summary>
    ILoggerFactory? LoggerFactory { get; set; }
}

using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SessionStore.Telemetry;

namespace SessionStore.Postgres;

/// <summary>How a <see cref="PostgresSessionStore{TSession}"/> waits, where it keeps its sessions, and which clock it reads.</summary>
public sealed class PostgresSessionStoreOptions : ITelemetryOptions
{
    private TimeProvider _timeProvider = TimeProvider.System;
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(10);
    private long _maxSessionBytes = FileSessionStoreOptions.DefaultMaxSessionBytes;

    /// <summary>
    /// How long an update, a conditional save or a restore waits for the session's lock before
    /// <see cref="SessionLockTimeoutException"/>: up to 24 days, as the directory store's. Zero does not wait at
    /// all: the call fails at once when another writer holds the lock (the store then only tries the lock; it
    /// never sets PostgreSQL's <c>lock_timeout</c> to 0, which would mean "forever"). Defaults to 10 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    [Range(typeof(TimeSpan), "00:00:00", "24.00:00:00")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Checked by the source-generated validator, which parses the bounds itself; no TypeConverter is used.")]
    public TimeSpan LockTimeout
    {
        get => _lockTimeout;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _lockTimeout = value;
        }
    }

    /// <summary>
    /// The largest session the store writes, in bytes of its JSON, as the directory store's
    /// <see cref="FileSessionStoreOptions.MaxSessionBytes"/>: a larger save or update is refused with
    /// <see cref="SessionTooLargeException"/> before anything is written. Defaults to
    /// <see cref="FileSessionStoreOptions.DefaultMaxSessionBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="Array.MaxLength"/> - 1.</exception>
    [Range(1L, 2147483590L)]
    public long MaxSessionBytes
    {
        get => _maxSessionBytes;
        set => _maxSessionBytes = FileSessionStoreOptions.CheckedMaxSessionBytes(value);
    }

    /// <summary>Whether the store creates its table on first use (default); otherwise call <c>EnsureCreated</c>.</summary>
    public bool CreateTableOnFirstUse { get; set; } = true;

    /// <summary>The clock the store reads for <c>updated_at</c> (what prune compares) and <c>trashed_at</c>; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider
    {
        get => _timeProvider;
        set => _timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Creates the store's <see cref="System.Diagnostics.Metrics.Meter"/> (named <see cref="SessionStoreTelemetry.Name"/>);
    /// <see langword="null"/> for the library's static meter. Dependency injection sets the container's.
    /// </summary>
    public IMeterFactory? MeterFactory { get; set; }

    /// <summary>
    /// Creates the store's logger (category <see cref="SessionStoreTelemetry.Name"/>): quarantined files, completed interrupted
    /// appends, lock timeouts, refused directories. <see langword="null"/> logs nothing. Dependency injection sets the container's.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    internal PostgresSessionStoreOptions Clone() => (PostgresSessionStoreOptions)MemberwiseClone();
}

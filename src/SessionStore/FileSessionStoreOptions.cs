using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using SessionStore.Telemetry;

namespace SessionStore;

/// <summary>How a <see cref="FileSessionStore{TSession}"/> trades safety for speed, and its limits.</summary>
public sealed class FileSessionStoreOptions : ITelemetryOptions
{
    /// <summary>The default for <see cref="MaxSessionBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxSessionBytes = 64L * 1024 * 1024;

    private long _maxSessionBytes = DefaultMaxSessionBytes;
    private TimeSpan _leftoverFileAge = TimeSpan.FromMinutes(1);
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(10);
    private TimeProvider _timeProvider = TimeProvider.System;
    private FileSystemPlatform _fileSystemPlatform;

    /// <summary>
    /// Whether a save is on disk when it returns: the file is fsynced before it replaces the old one
    /// and the directory after. Defaults to <see langword="true"/>. Without it a save is still atomic
    /// (a crash leaves the old session or the new one), but a power cut may lose the newest saves.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>
    /// The largest session the store writes or reads, in bytes: a save or append that would make a
    /// session larger is refused with <see cref="SessionTooLargeException"/> before anything is written,
    /// and a larger file (written by something else) is reported as corrupt instead of being read into
    /// memory. Defaults to <see cref="DefaultMaxSessionBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="Array.MaxLength"/> - 1.</exception>
    public long MaxSessionBytes
    {
        get => _maxSessionBytes;
        set => _maxSessionBytes = CheckedMaxSessionBytes(value);
    }

    /// <summary>
    /// How old a temp file left by a process that died mid-save must be before <c>Check(repair: true)</c>
    /// removes it (it is never visible either way, and reads never remove anything). A save in flight
    /// holds its session's lock, so its temp file is never removed whatever its age. Defaults to 1 minute.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public TimeSpan LeftoverFileAge
    {
        get => _leftoverFileAge;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            _leftoverFileAge = value;
        }
    }

    /// <summary>
    /// How long an update, a conditional save or a delete waits for the session's lock, held by another
    /// thread or process, before it throws <see cref="SessionLockTimeoutException"/>. Defaults to 10 seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
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
    /// Whether the store writes in a directory that other users can write too (world-writable, or owned
    /// by another user). Defaults to <see langword="false"/>: such a directory is refused with
    /// <see cref="UnsafeSessionDirectoryException"/>, because another user could plant links or swap
    /// files under the store. Reading works there either way. A group-writable directory is allowed
    /// (<c>Check</c> reports it).
    /// </summary>
    public bool AllowSharedDirectory { get; set; }

    /// <summary>
    /// Which implementation of the operating system calls the store uses: <see cref="FileSystemPlatform.Auto"/> (the
    /// default) takes the hardened one on Linux and the portable one elsewhere, or what the environment variable
    /// <c>SESSIONSTORE_PLATFORM</c> says; docs/reliability.md lists what each guarantees on each system.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of <see cref="SessionStore.FileSystemPlatform"/>'s.</exception>
    public FileSystemPlatform FileSystemPlatform
    {
        get => _fileSystemPlatform;
        set => _fileSystemPlatform = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a FileSystemPlatform.");
    }

    /// <summary>
    /// The clock the store reads for times it records or compares (ages of leftover files, prune cut-offs,
    /// when a session was trashed or quarantined); <see cref="TimeProvider.System"/> by default. Waiting for a
    /// lock, and <see cref="LockTimeout"/>, always run on real time, so a frozen test clock never stops a writer.
    /// </summary>
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

    /// <summary>
    /// The store's index, which makes it a catalog (<see cref="ISessionCatalog"/>: metadata, titles, tags, queries in
    /// O(page) and full-text search); <see langword="null"/> (the default) for none, and the catalog members throw
    /// <see cref="SessionCatalogUnavailableException"/>. The SessionStore.Index package provides one. The index is a cache:
    /// every write goes to the session's file first and stands even when the index fails.
    /// </summary>
    public FileSessionIndexProvider? Index { get; set; }

    internal FileSessionStoreOptions Clone() => (FileSessionStoreOptions)MemberwiseClone();

    /// <summary>A size limit both backends accept: from 1 to <see cref="Array.MaxLength"/> - 1 bytes (one array holds a session).</summary>
    internal static long CheckedMaxSessionBytes(long value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength - 1L);
        return value;
    }
}

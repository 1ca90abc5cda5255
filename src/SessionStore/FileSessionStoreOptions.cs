namespace SessionStore;

/// <summary>How a <see cref="FileSessionStore{TSession}"/> trades safety for speed, and its limits.</summary>
public sealed class FileSessionStoreOptions
{
    /// <summary>The default for <see cref="MaxSessionBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxSessionBytes = 64L * 1024 * 1024;

    private long _maxSessionBytes = DefaultMaxSessionBytes;
    private TimeSpan _leftoverFileAge = TimeSpan.FromMinutes(1);
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether a save is on disk when it returns: the file is fsynced before it replaces the old one
    /// and the directory after. Defaults to <see langword="true"/>. Without it a save is still atomic
    /// (a crash leaves the old session or the new one), but a power cut may lose the newest saves.
    /// </summary>
    public bool Durable { get; set; } = true;

    /// <summary>
    /// The largest session file a load accepts, in bytes; a larger file is reported as corrupt instead
    /// of being read into memory. Defaults to <see cref="DefaultMaxSessionBytes"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="Array.MaxLength"/> - 1.</exception>
    public long MaxSessionBytes
    {
        get => _maxSessionBytes;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Array.MaxLength - 1L);
            _maxSessionBytes = value;
        }
    }

    /// <summary>
    /// How old a temp file left by a process that died mid-save must be before <c>List</c> removes it
    /// (it is never visible either way). A save in flight holds its temp file locked, so it is never
    /// removed whatever its age; the age only covers the instants around the lock. Defaults to 1 minute.
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

    internal FileSessionStoreOptions Clone() => (FileSessionStoreOptions)MemberwiseClone();
}

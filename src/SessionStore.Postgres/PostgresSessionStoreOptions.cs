namespace SessionStore.Postgres;

/// <summary>How a <see cref="PostgresSessionStore{TSession}"/> waits and where it keeps its sessions.</summary>
public sealed class PostgresSessionStoreOptions
{
    /// <summary>How long an update, a conditional save or a delete waits for the session's lock before <see cref="SessionLockTimeoutException"/>. Defaults to 10 seconds.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the store creates its table on first use (default); otherwise call <c>EnsureCreated</c>.</summary>
    public bool CreateTableOnFirstUse { get; set; } = true;
}

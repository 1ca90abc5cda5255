namespace SessionStore.Agents.Tests.TestSupport;

/// <summary>
/// The PostgreSQL server SESSIONSTORE_POSTGRES names, as the conformance suite uses it: without it the tests are
/// skipped and say how to run them; with CI=true (set by .ci/run) a missing server fails them instead.
/// </summary>
internal static class PostgresServer
{
    internal const string Variable = "SESSIONSTORE_POSTGRES";

    internal static void SkipIfUnavailable()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"CI=true but {Variable} is not set: the PostgreSQL agent tests must run in CI.");
        }

        Skip.If(true, $"Set {Variable} to a PostgreSQL connection string (e.g. Host=127.0.0.1;Username=postgres;Database=postgres) to run these tests.");
    }

    /// <summary>A table prefix no other test uses.</summary>
    internal static string NewPrefix() => "agents_" + Guid.NewGuid().ToString("N")[..12];
}

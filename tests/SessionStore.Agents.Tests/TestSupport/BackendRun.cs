using SessionStore.Agents.Worker;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Agents.Tests.TestSupport;

/// <summary>Runs a test on a fresh store of one backend ("dir" under <c>temp</c>, or "pg": skipped without a server), dropping its tables after.</summary>
internal static class BackendRun
{
    internal static async Task RunAsync(string backend, TempDirectory temp, Func<Backend, Task> test)
    {
        if (backend == "pg")
        {
            PostgresServer.SkipIfUnavailable();
        }

        string prefix = PostgresServer.NewPrefix();
        using var stores = new Backend(backend == "dir" ? "dir:" + temp.Combine("root-" + prefix) : "pg:" + prefix);
        try
        {
            await test(stores);
        }
        finally
        {
            stores.DropTables(prefix);
        }
    }
}

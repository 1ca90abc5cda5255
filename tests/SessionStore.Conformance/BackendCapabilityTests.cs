using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>
/// The kit skips the cases of a capability a store lacks; our two backends must have every one, so none of
/// their cases is ever skipped for that reason.
/// </summary>
public sealed class BackendCapabilityTests
{
    [Fact]
    public void BothBackends_ImplementEveryCapabilityTheKitTests()
    {
        using NpgsqlDataSource dataSource = new NpgsqlSlimDataSourceBuilder("Host=127.0.0.1").Build();
        object[] stores = [new FileSessionStore(Path.Join(Path.GetTempPath(), "never-created-" + Guid.NewGuid().ToString("N"))), PostgresSessionStores.ForStoredSessions(dataSource, "never_used")];
        Assert.All(stores, store =>
        {
            Assert.IsAssignableFrom<ISessionRetention>(store);
            Assert.IsAssignableFrom<ISessionPaging>(store);
            Assert.IsAssignableFrom<IStoredSessionStore>(store);
        });
    }
}

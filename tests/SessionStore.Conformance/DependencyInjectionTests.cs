using Microsoft.Extensions.DependencyInjection;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>A service picks a backend in one line and gets the contract as ISessionStore&lt;T&gt;.</summary>
public sealed class DependencyInjectionTests
{
    [Fact]
    public void AddFileSessionStore_RegistersAWorkingStore()
    {
        string directory = Directory.CreateTempSubdirectory("sessionstore-di-").FullName;
        try
        {
            using ServiceProvider services = new ServiceCollection()
                .AddFileSessionStore(directory, SessionJson.StoredSession, s => s.SessionId)
                .BuildServiceProvider();
            var store = services.GetRequiredService<ISessionStore<StoredSession>>();
            Assert.Same(store, services.GetRequiredService<ISessionStore<StoredSession>>());
            store.Save(new StoredSession("di", ["x"], 1, 2));
            Assert.Equal(new StoredSession("di", ["x"], 1, 2), new FileSessionStore(directory).Load("di"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AddPostgresSessionStore_RegistersAStoreForTheTable()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddPostgresSessionStore("Host=127.0.0.1;Username=postgres", "sessions", SessionJson.StoredSession, s => s.SessionId)
            .BuildServiceProvider();
        var store = Assert.IsType<PostgresSessionStore<StoredSession>>(services.GetRequiredService<ISessionStore<StoredSession>>());
        Assert.Equal("sessions", store.Table);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>
/// Registrations as the platform makes them: one singleton per store behind its type, ISessionStore&lt;T&gt;
/// and ISessionRetention; TryAdd; options from an action, validated at start; keyed stores side by side;
/// the data source resolved from, and disposed by, the container.
/// </summary>
public sealed class DependencyInjectionTests : IDisposable
{
    private static readonly string? Postgres = Environment.GetEnvironmentVariable(PostgresStoreConformanceTests.Variable);
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-di-").FullName;

    [Fact]
    public void AddFileSessionStore_RegistersOneStore_UnderEveryServiceType_WithItsOptions()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddFileSessionStore(Path.Join(_directory, "one"), options => options.MaxSessionBytes = 200)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var store = services.GetRequiredService<FileSessionStore>();
        Assert.Same(store, services.GetRequiredService<ISessionStore<StoredSession>>());
        Assert.Same(store, services.GetRequiredService<ISessionRetention>());
        Assert.Same(store, services.GetRequiredService<ISessionPaging>());
        Assert.Same(store, services.GetRequiredService<IStoredSessionStore>());
        Assert.Same(store, services.GetRequiredService<ISessionAppender<StoredSession>>());
        Assert.Equal(200, store.MaxSessionBytes);

        store.Save(new StoredSession("di", ["x"], 1, 2));
        Assert.Equal(new StoredSession("di", ["x"], 1, 2), new FileSessionStore(Path.Join(_directory, "one")).Load("di"));
        Assert.Throws<SessionTooLargeException>(() => store.Save(new StoredSession("big", [new string('x', 300)], 0, 0)));
    }

    [Fact]
    public void AddFileSessionStore_OfAGeneratedStoreType_ResolvesThatType_AndAppendsThroughTheContainer()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddFileSessionStore<LogStore, LogSession>(Path.Join(_directory, "logs"), options => options.MaxSessionBytes = 500)
            .AddKeyedFileSessionStore<LogStore, LogSession>("archive", Path.Join(_directory, "archive"))
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var store = services.GetRequiredService<LogStore>();
        Assert.Same(store, services.GetRequiredService<ISessionStore<LogSession>>());
        Assert.Same(store, services.GetRequiredService<ISessionAppender<LogSession>>());
        Assert.Same(store, services.GetRequiredService<ISessionRetention>());
        Assert.Same(store, services.GetRequiredService<ISessionPaging>());
        Assert.Equal(500, store.MaxSessionBytes);
        Assert.NotSame(store, services.GetRequiredKeyedService<LogStore>("archive"));
        Assert.Same(services.GetRequiredKeyedService<LogStore>("archive"), services.GetRequiredKeyedService<ISessionAppender<LogSession>>("archive"));

        // The generated descriptor carries the store's create method: an append to a missing session creates it.
        ISessionAppender<LogSession> appender = services.GetRequiredService<ISessionAppender<LogSession>>();
        appender.Append("new", [new LogLine("first")]);
        appender.Append("new", [new LogLine("second")]);
        Assert.Equal(["first", "second"], new LogStore(Path.Join(_directory, "logs")).Load("new").Lines.Select(l => l.Text));
        Assert.Throws<SessionTooLargeException>(() => appender.Append("new", [new LogLine(new string('x', 600))]));
    }

    [Fact]
    public void AddFileSessionStore_RegistersTheAppenderOfAStoreWithItems()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddFileSessionStore(Path.Join(_directory, "logs"), LogStore.Descriptor)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Assert.Same(services.GetRequiredService<FileSessionStore<LogSession>>(), services.GetRequiredService<ISessionAppender<LogSession>>());
    }

    [Fact]
    public void AddPostgresSessionStore_OfStoredSessions_IsOneStore_UnderEveryServiceType()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddNpgsqlSlimDataSource("Host=127.0.0.1;Username=postgres")
            .AddPostgresSessionStore("sessions", options => options.MaxSessionBytes = 300)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var store = services.GetRequiredService<PostgresStoredSessionStore>();
        Assert.Same(store, services.GetRequiredService<PostgresSessionStore<StoredSession>>());
        Assert.Same(store, services.GetRequiredService<ISessionStore<StoredSession>>());
        Assert.Same(store, services.GetRequiredService<ISessionRetention>());
        Assert.Same(store, services.GetRequiredService<ISessionPaging>());
        Assert.Same(store, services.GetRequiredService<IStoredSessionStore>());
        Assert.Equal("sessions", store.Table);
        Assert.Throws<SessionTooLargeException>(() => store.Save(new StoredSession("big", [new string('x', 400)], 0, 0)));
    }

    [Fact]
    public void ASecondRegistration_IsIgnored_AndKeyedStoresStandSideBySide()
    {
        using ServiceProvider services = new ServiceCollection()
            .AddFileSessionStore(Path.Join(_directory, "first"))
            .AddFileSessionStore(Path.Join(_directory, "second"))
            .AddKeyedFileSessionStore("chats", Path.Join(_directory, "chats"), options => options.MaxSessionBytes = 1000)
            .AddKeyedFileSessionStore("tickets", Path.Join(_directory, "tickets"), SessionJson.StoredSession, s => s.SessionId)
            .BuildServiceProvider();

        Assert.Equal(Path.Join(_directory, "first"), services.GetRequiredService<FileSessionStore>().DirectoryPath);
        var chats = services.GetRequiredKeyedService<FileSessionStore>("chats");
        var tickets = services.GetRequiredKeyedService<FileSessionStore<StoredSession>>("tickets");
        Assert.Same(chats, services.GetRequiredKeyedService<ISessionStore<StoredSession>>("chats"));
        Assert.Same(tickets, services.GetRequiredKeyedService<ISessionRetention>("tickets"));
        Assert.Equal((Path.Join(_directory, "chats"), 1000), (chats.DirectoryPath, chats.MaxSessionBytes));
        Assert.Equal(FileSessionStoreOptions.DefaultMaxSessionBytes, tickets.MaxSessionBytes);
        Assert.Equal(FileSessionStoreOptions.DefaultMaxSessionBytes, services.GetRequiredService<FileSessionStore>().MaxSessionBytes);
    }

    [Fact]
    public void InvalidOptions_FailWhenTheHostStarts_NotOnFirstUse()
    {
        using ServiceProvider files = new ServiceCollection()
            .AddFileSessionStore(_directory, options => options.LockTimeout = TimeSpan.FromSeconds(-1))
            .BuildServiceProvider();
        Assert.Throws<ArgumentOutOfRangeException>(() => files.GetRequiredService<IStartupValidator>().Validate());

        using ServiceProvider postgres = new ServiceCollection()
            .AddNpgsqlSlimDataSource("Host=127.0.0.1;Username=postgres")
            .AddPostgresSessionStore("sessions", options => options.LockTimeout = TimeSpan.FromDays(25))
            .BuildServiceProvider();
        var invalid = Assert.Throws<OptionsValidationException>(() => postgres.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(nameof(PostgresSessionStoreOptions.LockTimeout), invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_UsesTheContainersDataSource_WhichTheContainerDisposes()
    {
        NpgsqlDataSource dataSource;
        using (ServiceProvider services = new ServiceCollection()
            .AddPostgresSessionStore("Host=127.0.0.1;Username=postgres", "sessions", SessionJson.StoredSession, s => s.SessionId, options => options.CreateTableOnFirstUse = false)
            .AddKeyedPostgresSessionStore("archive", "archive", SessionJson.StoredSession, s => s.SessionId)
            .BuildServiceProvider())
        {
            dataSource = services.GetRequiredService<NpgsqlDataSource>();
            var store = Assert.IsType<PostgresSessionStore<StoredSession>>(services.GetRequiredService<ISessionStore<StoredSession>>());
            Assert.Equal("sessions", store.Table);
            Assert.Equal("archive", services.GetRequiredKeyedService<PostgresSessionStore<StoredSession>>("archive").Table);
        }

        Assert.Throws<ObjectDisposedException>(() => dataSource.OpenConnection());
    }

    [SkippableFact]
    public async Task BothBackends_WorkThroughTheContainer()
    {
        Skip.If(string.IsNullOrEmpty(Postgres) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            $"Set {PostgresStoreConformanceTests.Variable} to run against PostgreSQL.");
        string table = "di_" + Guid.NewGuid().ToString("N")[..12];
        await using ServiceProvider services = new ServiceCollection()
            .AddNpgsqlSlimDataSource(Postgres!)
            .AddKeyedPostgresSessionStore("db", table, SessionDescriptor.StoredSession)
            .AddKeyedFileSessionStore("disk", _directory)
            .BuildServiceProvider();
        try
        {
            foreach (string key in new[] { "db", "disk" })
            {
                var store = services.GetRequiredKeyedService<ISessionStore<StoredSession>>(key);
                await store.SaveAsync(new StoredSession("through-di", ["hello"], 1, 2));
                Assert.Equal(["through-di"], await store.ListAsync());
                Assert.True(await services.GetRequiredKeyedService<ISessionRetention>(key).MoveToTrashAsync("through-di"));
            }
        }
        finally
        {
            PostgresStoreConformanceTests.DropTables(services.GetRequiredService<NpgsqlDataSource>(), table);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

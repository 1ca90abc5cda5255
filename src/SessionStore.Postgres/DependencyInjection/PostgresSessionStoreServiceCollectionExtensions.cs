using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using SessionStore;
using SessionStore.DependencyInjection;
using SessionStore.Postgres;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers PostgreSQL stores in a service collection: a singleton resolved as its own type,
/// <see cref="ISessionStore{TSession}"/> and <see cref="ISessionRetention"/>, added only if none is
/// registered yet (<c>TryAdd</c>), over the container's <see cref="NpgsqlDataSource"/> (register it with
/// Npgsql.DependencyInjection's <c>AddNpgsqlSlimDataSource</c>, or pass a connection string and these
/// methods do), with <see cref="PostgresSessionStoreOptions"/> configured by an action and validated when
/// the host starts. The container owns, and disposes, the data source.
/// </summary>
public static class PostgresSessionStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers a store of reference-format <see cref="StoredSession"/>s in <paramref name="table"/>, over the container's <see cref="NpgsqlDataSource"/>:
    /// one <see cref="PostgresStoredSessionStore"/>, also resolved as <see cref="PostgresSessionStore{TSession}"/>, <see cref="ISessionStore{TSession}"/>,
    /// <see cref="ISessionRetention"/>, <see cref="ISessionPaging"/> and <see cref="IStoredSessionStore"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="configure">Sets the lock timeout, table creation and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresSessionStore(this IServiceCollection services, string table, Action<PostgresSessionStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresSessionStoreOptions>, PostgresSessionStoreOptionsValidator>());
        StoreRegistration.Add<PostgresStoredSessionStore, StoredSession, PostgresSessionStoreOptions>(
            services, serviceKey: null, configure, (provider, key, options) => new PostgresStoredSessionStore(DataSource(provider, key), table, options));
        services.TryAddSingleton<PostgresSessionStore<StoredSession>>(static provider => provider.GetRequiredService<PostgresStoredSessionStore>());
        return services;
    }

    /// <summary>Registers a store of your own session type in <paramref name="table"/>, over the container's <see cref="NpgsqlDataSource"/>.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="configure">Sets the lock timeout, table creation and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresSessionStore<TSession>(
        this IServiceCollection services, string table, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf, Action<PostgresSessionStoreOptions>? configure = null)
        where TSession : class =>
        services.AddKeyedPostgresSessionStore(serviceKey: null, table, typeInfo, sessionIdOf, configure);

    /// <summary>
    /// Registers a store of your own session type in <paramref name="table"/>, and a slim <see cref="NpgsqlDataSource"/> for
    /// <paramref name="connectionString"/> unless the container has one already.
    /// </summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="configure">Sets the lock timeout, table creation and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresSessionStore<TSession>(
        this IServiceCollection services, string connectionString, string table, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf,
        Action<PostgresSessionStoreOptions>? configure = null)
        where TSession : class
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        services.AddNpgsqlSlimDataSource(connectionString);
        return services.AddKeyedPostgresSessionStore(serviceKey: null, table, typeInfo, sessionIdOf, configure);
    }

    /// <summary>Registers a store of the sessions <paramref name="descriptor"/> describes (a generated store's <c>Descriptor</c>) in <paramref name="table"/>, over the container's <see cref="NpgsqlDataSource"/>.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="descriptor">The session type: JSON metadata, id, schema and validation.</param>
    /// <param name="configure">Sets the lock timeout, table creation and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresSessionStore<TSession>(
        this IServiceCollection services, string table, SessionDescriptor<TSession> descriptor, Action<PostgresSessionStoreOptions>? configure = null)
        where TSession : class =>
        services.AddKeyedPostgresSessionStore(serviceKey: null, table, descriptor, configure);

    /// <summary>
    /// Registers a store of your own session type in <paramref name="table"/> under <paramref name="serviceKey"/>, over the
    /// <see cref="NpgsqlDataSource"/> registered under the same key, or else the container's unkeyed one.
    /// </summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve it by (<c>[FromKeyedServices(key)]</c>); <see langword="null"/> for the unkeyed store.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="configure">Sets the lock timeout, table creation and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeyedPostgresSessionStore<TSession>(
        this IServiceCollection services, object? serviceKey, string table, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf,
        Action<PostgresSessionStoreOptions>? configure = null)
        where TSession : class =>
        services.AddKeyedPostgresSessionStore(serviceKey, table, new SessionDescriptor<TSession>(typeInfo, sessionIdOf), configure);

    /// <summary>
    /// Registers a store of the sessions <paramref name="descriptor"/> describes in <paramref name="table"/> under <paramref name="serviceKey"/>,
    /// over the <see cref="NpgsqlDataSource"/> registered under the same key, or else the container's unkeyed one.
    /// </summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve it by (<c>[FromKeyedServices(key)]</c>); <see langword="null"/> for the unkeyed store.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="descriptor">The session type: JSON metadata, id, schema and validation.</param>
    /// <param name="configure">Sets the lock timeout, table creation and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeyedPostgresSessionStore<TSession>(
        this IServiceCollection services, object? serviceKey, string table, SessionDescriptor<TSession> descriptor, Action<PostgresSessionStoreOptions>? configure = null)
        where TSession : class
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(descriptor);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresSessionStoreOptions>, PostgresSessionStoreOptionsValidator>());
        return StoreRegistration.Add<PostgresSessionStore<TSession>, TSession, PostgresSessionStoreOptions>(
            services, serviceKey, configure, (provider, key, options) => new PostgresSessionStore<TSession>(DataSource(provider, key), table, descriptor, options));
    }

    private static NpgsqlDataSource DataSource(IServiceProvider provider, object? serviceKey) =>
        (serviceKey is null ? null : provider.GetKeyedService<NpgsqlDataSource>(serviceKey)) ?? provider.GetRequiredService<NpgsqlDataSource>();
}

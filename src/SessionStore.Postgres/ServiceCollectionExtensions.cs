using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace SessionStore.Postgres;

/// <summary>One line to pick a backend in an ASP.NET Core or worker service.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="ISessionStore{TSession}"/> backed by a directory.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="options">Durability and limits.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFileSessionStore<TSession>(
        this IServiceCollection services, string directory, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf, FileSessionStoreOptions? options = null)
        where TSession : class =>
        services.AddSingleton<ISessionStore<TSession>>(new FileSessionStore<TSession>(directory, typeInfo, sessionIdOf, options ?? new FileSessionStoreOptions()));

    /// <summary>Registers a singleton <see cref="ISessionStore{TSession}"/> backed by a PostgreSQL table.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="table">The table's name.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="options">Lock timeout and table creation.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresSessionStore<TSession>(
        this IServiceCollection services, string connectionString, string table, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf,
        PostgresSessionStoreOptions? options = null)
        where TSession : class =>
        services.AddSingleton<ISessionStore<TSession>>(_ =>
            new PostgresSessionStore<TSession>(new NpgsqlSlimDataSourceBuilder(connectionString).Build(), table, typeInfo, sessionIdOf, options: options));
}

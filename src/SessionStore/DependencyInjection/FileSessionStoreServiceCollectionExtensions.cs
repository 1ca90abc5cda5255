using System.Text.Json.Serialization.Metadata;
using SessionStore;
using SessionStore.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers directory stores in a service collection: a singleton resolved as its own type,
/// <see cref="ISessionStore{TSession}"/>, <see cref="ISessionRetention"/>, <see cref="ISessionPaging"/> and
/// <see cref="ISessionAppender{TSession}"/>, added only if none is
/// registered yet (<c>TryAdd</c>), with <see cref="FileSessionStoreOptions"/> configured by an action and
/// checked when the host starts. Keyed overloads register several stores side by side.
/// </summary>
public static class FileSessionStoreServiceCollectionExtensions
{
    /// <summary>Registers a <see cref="FileSessionStore"/> (the reference format, <see cref="StoredSession"/>) over <paramref name="directory"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFileSessionStore(this IServiceCollection services, string directory, Action<FileSessionStoreOptions>? configure = null) =>
        services.AddKeyedFileSessionStore(serviceKey: null, directory, configure);

    /// <summary>Registers a <see cref="FileSessionStore"/> (the reference format) over <paramref name="directory"/> under <paramref name="serviceKey"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve it by (<c>[FromKeyedServices(key)]</c>); <see langword="null"/> for the unkeyed store.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeyedFileSessionStore(this IServiceCollection services, object? serviceKey, string directory, Action<FileSessionStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return StoreRegistration.Add<FileSessionStore, StoredSession, FileSessionStoreOptions>(
            services, serviceKey, configure, (_, _, options) => new FileSessionStore(directory, options));
    }

    /// <summary>Registers a <see cref="FileSessionStore{TSession}"/> of your own session type over <paramref name="directory"/>.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFileSessionStore<TSession>(
        this IServiceCollection services, string directory, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf, Action<FileSessionStoreOptions>? configure = null)
        where TSession : class =>
        services.AddKeyedFileSessionStore(serviceKey: null, directory, typeInfo, sessionIdOf, configure);

    /// <summary>Registers a <see cref="FileSessionStore{TSession}"/> of your own session type over <paramref name="directory"/> under <paramref name="serviceKey"/>.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve it by (<c>[FromKeyedServices(key)]</c>); <see langword="null"/> for the unkeyed store.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="typeInfo">The source-generated JSON metadata of the session type.</param>
    /// <param name="sessionIdOf">Reads a session's id.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeyedFileSessionStore<TSession>(
        this IServiceCollection services, object? serviceKey, string directory, JsonTypeInfo<TSession> typeInfo, Func<TSession, string> sessionIdOf,
        Action<FileSessionStoreOptions>? configure = null)
        where TSession : class =>
        services.AddKeyedFileSessionStore(serviceKey, directory, new SessionDescriptor<TSession>(typeInfo, sessionIdOf), configure);

    /// <summary>Registers a <see cref="FileSessionStore{TSession}"/> of the sessions <paramref name="descriptor"/> describes (a generated store's <c>Descriptor</c>).</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="descriptor">The session type: JSON metadata, id, schema and validation.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFileSessionStore<TSession>(
        this IServiceCollection services, string directory, SessionDescriptor<TSession> descriptor, Action<FileSessionStoreOptions>? configure = null)
        where TSession : class =>
        services.AddKeyedFileSessionStore(serviceKey: null, directory, descriptor, configure);

    /// <summary>Registers a <see cref="FileSessionStore{TSession}"/> of the sessions <paramref name="descriptor"/> describes under <paramref name="serviceKey"/>.</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve it by (<c>[FromKeyedServices(key)]</c>); <see langword="null"/> for the unkeyed store.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="descriptor">The session type: JSON metadata, id, schema and validation.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeyedFileSessionStore<TSession>(
        this IServiceCollection services, object? serviceKey, string directory, SessionDescriptor<TSession> descriptor, Action<FileSessionStoreOptions>? configure = null)
        where TSession : class
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(descriptor);
        return StoreRegistration.Add<FileSessionStore<TSession>, TSession, FileSessionStoreOptions>(
            services, serviceKey, configure, (_, _, options) => new FileSessionStore<TSession>(directory, descriptor, options));
    }

    /// <summary>Registers a store of the type <typeparamref name="TStore"/> (a generated store) over <paramref name="directory"/>, resolved as that type too.</summary>
    /// <typeparam name="TStore">The store type: <c>ChatStore</c> of <c>[SessionStore(typeof(ChatSession), ...)] partial class ChatStore</c>.</typeparam>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFileSessionStore<TStore, TSession>(this IServiceCollection services, string directory, Action<FileSessionStoreOptions>? configure = null)
        where TStore : FileSessionStore<TSession>, IFileSessionStoreFactory<TStore>
        where TSession : class =>
        services.AddKeyedFileSessionStore<TStore, TSession>(serviceKey: null, directory, configure);

    /// <summary>Registers a store of the type <typeparamref name="TStore"/> (a generated store) over <paramref name="directory"/> under <paramref name="serviceKey"/>.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key to resolve it by (<c>[FromKeyedServices(key)]</c>); <see langword="null"/> for the unkeyed store.</param>
    /// <param name="directory">The store's directory.</param>
    /// <param name="configure">Sets durability, limits, lock timeout and clock.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddKeyedFileSessionStore<TStore, TSession>(
        this IServiceCollection services, object? serviceKey, string directory, Action<FileSessionStoreOptions>? configure = null)
        where TStore : FileSessionStore<TSession>, IFileSessionStoreFactory<TStore>
        where TSession : class
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return StoreRegistration.Add<TStore, TSession, FileSessionStoreOptions>(
            services, serviceKey, configure, (_, _, options) => TStore.Create(directory, options));
    }
}

using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Agents.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SessionStore;
using SessionStore.Agents;

#pragma warning disable IDE0130 // Registration extensions live where `services.Add...` finds them.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Registers SessionStore's Agent Framework and Microsoft.Extensions.AI services, as the library's other registrations
/// do: <c>TryAdd</c> (a second registration of the same service is ignored), and directory stores that report through
/// the container's <see cref="IMeterFactory"/> and <see cref="ILoggerFactory"/> unless their options set others.
/// </summary>
public static class SessionStoreAgentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SessionStoreAgentSessionStore"/> over a directory as the <see cref="AgentSessionStore"/>
    /// (and its <see cref="ISessionStore{TSession}"/> of <see cref="StoredAgentSession"/>), all singletons.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">The directory of the agent sessions.</param>
    /// <param name="options">Conflict detection, scoping and JSON options.</param>
    /// <param name="storeOptions">Durability, limits and locking of the directory store.</param>
    /// <returns><paramref name="services"/>.</returns>
    [Experimental("MAAI001")]
    public static IServiceCollection AddSessionStoreAgentSessions(
        this IServiceCollection services, string directory, SessionStoreAgentSessionStoreOptions? options = null, FileSessionStoreOptions? storeOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return services.AddSessionStoreAgentSessions(provider => AgentStores.AgentSessions(directory, WithHostTelemetry(storeOptions, provider)), options);
    }

    /// <summary>
    /// Registers a <see cref="SessionStoreAgentSessionStore"/> over the store <paramref name="storeFactory"/> makes (for
    /// example a PostgreSQL table) as the <see cref="AgentSessionStore"/>, all singletons.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="storeFactory">Makes the store of <see cref="StoredAgentSession"/>s (metadata: <see cref="AgentJson.StoredAgentSession"/>).</param>
    /// <param name="options">Conflict detection, scoping and JSON options.</param>
    /// <returns><paramref name="services"/>.</returns>
    [Experimental("MAAI001")]
    public static IServiceCollection AddSessionStoreAgentSessions(
        this IServiceCollection services, Func<IServiceProvider, ISessionStore<StoredAgentSession>> storeFactory, SessionStoreAgentSessionStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storeFactory);
        services.TryAddSingleton(storeFactory);
        services.TryAddSingleton(provider => new SessionStoreAgentSessionStore(
            provider.GetRequiredService<ISessionStore<StoredAgentSession>>(),
            (options ?? new SessionStoreAgentSessionStoreOptions()).WithTranscripts(provider.GetService<ISessionStore<ChatConversation>>())));
        services.TryAddSingleton<AgentSessionStore>(provider => provider.GetRequiredService<SessionStoreAgentSessionStore>());
        return services;
    }

    /// <summary>
    /// Registers an <see cref="ISessionStore{TSession}"/> of <see cref="ChatConversation"/>s over a directory, and a
    /// <see cref="SessionStoreChatHistoryProvider"/> over it (also as <see cref="ChatHistoryProvider"/>), all singletons;
    /// <c>UseSessionStore()</c> with no store uses the same store.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">The directory of the conversations.</param>
    /// <param name="options">State key, conversation ids, reducer and filters of the provider.</param>
    /// <param name="storeOptions">Durability, limits and locking of the directory store.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSessionStoreChatHistory(
        this IServiceCollection services, string directory, SessionStoreChatHistoryProviderOptions? options = null, FileSessionStoreOptions? storeOptions = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        return services.AddSessionStoreChatHistory(provider => AgentStores.Conversations(directory, WithHostTelemetry(storeOptions, provider)), options);
    }

    /// <summary>
    /// Registers the store of <see cref="ChatConversation"/>s <paramref name="storeFactory"/> makes (for example a
    /// PostgreSQL table), and a <see cref="SessionStoreChatHistoryProvider"/> over it (also as <see cref="ChatHistoryProvider"/>), all singletons.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="storeFactory">Makes the store (metadata: <see cref="AgentJson.ChatConversation"/>).</param>
    /// <param name="options">State key, conversation ids, reducer and filters of the provider.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddSessionStoreChatHistory(
        this IServiceCollection services, Func<IServiceProvider, ISessionStore<ChatConversation>> storeFactory, SessionStoreChatHistoryProviderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storeFactory);
        services.TryAddSingleton(storeFactory);
        services.TryAddSingleton(provider => new SessionStoreChatHistoryProvider(provider.GetRequiredService<ISessionStore<ChatConversation>>(), options));
        services.TryAddSingleton<ChatHistoryProvider>(provider => provider.GetRequiredService<SessionStoreChatHistoryProvider>());
        return services;
    }

    /// <summary>A copy of <paramref name="options"/> (or the defaults) whose telemetry goes to the container's factories unless it names its own.</summary>
    private static FileSessionStoreOptions WithHostTelemetry(FileSessionStoreOptions? options, IServiceProvider provider)
    {
        FileSessionStoreOptions effective = options?.Clone() ?? new FileSessionStoreOptions();
        effective.MeterFactory ??= provider.GetService<IMeterFactory>();
        effective.LoggerFactory ??= provider.GetService<ILoggerFactory>();
        return effective;
    }
}

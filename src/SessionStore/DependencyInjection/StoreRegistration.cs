using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionStore.Telemetry;

namespace SessionStore.DependencyInjection;

/// <summary>
/// How every backend registers a store, so they all follow the platform's conventions the same way:
/// <c>TryAdd</c> (a second registration of the same service is ignored), one singleton per service key
/// exposed as its concrete type, <see cref="ISessionStore{TSession}"/>, <see cref="ISessionRetention"/>,
/// <see cref="ISessionPaging"/> and, when it appends, <see cref="ISessionAppender{TSession}"/>,
/// options of their own name, configured by an <see cref="Action{T}"/> and validated at start, and the
/// container's <see cref="IMeterFactory"/> and <see cref="ILoggerFactory"/> for the store's telemetry.
/// </summary>
internal static class StoreRegistration
{
    /// <summary>
    /// The name of a store's options: the session type's full name, and <c>:key</c> for a keyed store, so two
    /// stores never share options (<c>services.Configure&lt;TOptions&gt;(name, ...)</c> reaches one of them).
    /// </summary>
    internal static string OptionsName<TSession>(object? serviceKey) =>
        serviceKey is null ? typeof(TSession).FullName! : typeof(TSession).FullName + ":" + serviceKey;

    internal static IServiceCollection Add<TStore, TSession, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
        IServiceCollection services, object? serviceKey, Action<TOptions>? configure, Func<IServiceProvider, object?, TOptions, TStore> create)
        where TStore : class, ISessionStore<TSession>, ISessionRetention, ISessionPaging
        where TSession : class
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        string name = OptionsName<TSession>(serviceKey);
        OptionsBuilder<TOptions> options = services.AddOptions<TOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // Telemetry through the container's meter factory and logger factory, unless the action set others.
        options.PostConfigure<IServiceProvider>(static (o, provider) =>
        {
            if (o is ITelemetryOptions telemetry)
            {
                telemetry.MeterFactory ??= provider.GetService<IMeterFactory>();
                telemetry.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            }
        });
        options.ValidateOnStart();
        services.TryAddKeyedSingleton(serviceKey, (provider, key) => create(provider, key, provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(name)));
        services.TryAddKeyedSingleton<ISessionStore<TSession>>(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<TStore>(key));
        services.TryAddKeyedSingleton<ISessionRetention>(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<TStore>(key));
        services.TryAddKeyedSingleton<ISessionPaging>(serviceKey, static (provider, key) => provider.GetRequiredKeyedService<TStore>(key));
        if (typeof(IStoredSessionStore).IsAssignableFrom(typeof(TStore)))
        {
            services.TryAddKeyedSingleton<IStoredSessionStore>(serviceKey, static (provider, key) => (IStoredSessionStore)provider.GetRequiredKeyedService<TStore>(key));
        }

        if (typeof(ISessionAppender<TSession>).IsAssignableFrom(typeof(TStore)))
        {
            services.TryAddKeyedSingleton<ISessionAppender<TSession>>(serviceKey, static (provider, key) => (ISessionAppender<TSession>)provider.GetRequiredKeyedService<TStore>(key));
        }

        return services;
    }
}

namespace SessionStore;

/// <summary>Finds the catalog of any store: the one question code that takes an <see cref="ISessionStore{TSession}"/> asks before it queries.</summary>
public static class SessionCatalogs
{
    /// <summary>The store's catalog, or <see langword="null"/> when it has none (a directory store without an index, a backend without <see cref="ISessionCatalog"/>).</summary>
    /// <typeparam name="TSession">The session type.</typeparam>
    /// <param name="store">The store.</param>
    /// <returns>The catalog, or <see langword="null"/>.</returns>
    public static ISessionCatalog? Of<TSession>(ISessionStore<TSession> store)
        where TSession : class
    {
        ArgumentNullException.ThrowIfNull(store);
        return store switch
        {
            FileSessionStore<TSession> { HasCatalog: false } => null,
            ISessionCatalog catalog => catalog,
            _ => null,
        };
    }
}

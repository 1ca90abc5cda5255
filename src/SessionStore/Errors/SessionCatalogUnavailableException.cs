namespace SessionStore;

/// <summary>
/// Thrown by a store's <see cref="ISessionCatalog"/> members when it has no catalog: a directory store without an
/// index (install the SessionStore.Index package and set <see cref="FileSessionStoreOptions.Index"/>).
/// </summary>
public sealed class SessionCatalogUnavailableException : NotSupportedException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="directory">The store's directory.</param>
    public SessionCatalogUnavailableException(string directory)
        : base($"The session store at '{directory}' has no catalog: add the SessionStore.Index package and set FileSessionStoreOptions.Index = new SqliteSessionIndexProvider() (or call UseSqliteIndex on the options) to get titles, metadata, queries and search.")
    {
        Directory = directory;
    }

    /// <summary>The store's directory.</summary>
    public string Directory { get; }
}

namespace SessionStore;

/// <summary>
/// Opens the index of a directory store (<see cref="FileSessionStoreOptions.Index"/>): with one, the store implements
/// <see cref="ISessionCatalog"/> by delegating to it and tells it of every write it makes. The SessionStore.Index
/// package provides one (SQLite with FTS5).
/// </summary>
public abstract class FileSessionIndexProvider
{
    /// <summary>Opens the index of one store; called once per store instance, on its first write or catalog call.</summary>
    /// <param name="host">The store's side: its directory, its files and its locks.</param>
    /// <returns>The index.</returns>
    public abstract FileSessionIndex Open(FileSessionIndexHost host);
}

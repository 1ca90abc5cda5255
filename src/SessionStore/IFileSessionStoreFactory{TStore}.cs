namespace SessionStore;

/// <summary>
/// A store type that creates itself over a directory, so a registration can make one without reflection
/// (<c>services.AddFileSessionStore&lt;ChatStore, ChatSession&gt;("chats")</c>). Every generated store
/// implements it (C# 11 and later); a hand-written <see cref="FileSessionStore{TSession}"/> type can too.
/// </summary>
/// <typeparam name="TStore">The store type itself.</typeparam>
public interface IFileSessionStoreFactory<TStore>
    where TStore : class
{
    /// <summary>Creates a store over <paramref name="directory"/>.</summary>
    /// <param name="directory">The directory that holds the sessions; created on the first save.</param>
    /// <param name="options">Durability and limits.</param>
    /// <returns>The store.</returns>
    static abstract TStore Create(string directory, FileSessionStoreOptions options);
}

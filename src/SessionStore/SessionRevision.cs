namespace SessionStore;

/// <summary>A session as loaded, with the revision of its file, for a later conditional save.</summary>
/// <typeparam name="TSession">The session type.</typeparam>
/// <param name="Session">The session.</param>
/// <param name="ETag">The revision: it changes whenever the file's content does.</param>
public readonly record struct SessionRevision<TSession>(TSession Session, string ETag);

namespace SessionStore;

/// <summary>One session's file as a scan of the store's directory found it (<see cref="FileSessionIndexHost.ScanSessions"/>).</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="Stamp">The file's version.</param>
public readonly record struct FileSessionEntry(string SessionId, FileSessionStamp Stamp);

namespace SessionStore;

/// <summary>A session in a store's trash.</summary>
/// <param name="SessionId">The session's id.</param>
/// <param name="TrashedAt">When it was moved into the trash.</param>
/// <param name="LastModified">When the session was last written before it was trashed.</param>
/// <param name="SizeBytes">The size of the stored session, in bytes.</param>
public sealed record TrashedSession(string SessionId, DateTimeOffset TrashedAt, DateTimeOffset LastModified, long SizeBytes);

namespace SessionStore;

/// <summary>The library's own session descriptors.</summary>
public static class SessionDescriptor
{
    /// <summary><see cref="SessionStore.StoredSession"/> in the reference format, validated as the contract says (<see cref="StoredSession.Validate"/>).</summary>
    public static SessionDescriptor<StoredSession> StoredSession { get; } =
        new(SessionJson.StoredSession, static session => session.SessionId, schema: null, validate: static session => session.Validate());
}

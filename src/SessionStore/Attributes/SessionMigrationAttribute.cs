namespace SessionStore;

/// <summary>
/// Marks a <c>static void (JsonObject)</c> method of a <see cref="SessionStoreAttribute"/> store that
/// turns a session of schema version <see cref="FromVersion"/> into one of the next version, in place.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SessionMigrationAttribute : Attribute
{
    /// <summary>Declares the version this step migrates from.</summary>
    /// <param name="fromVersion">The version this step reads; it writes <paramref name="fromVersion"/> + 1.</param>
    public SessionMigrationAttribute(int fromVersion) => FromVersion = fromVersion;

    /// <summary>The version this step migrates from.</summary>
    public int FromVersion { get; }
}

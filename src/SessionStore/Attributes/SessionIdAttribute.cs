namespace SessionStore;

/// <summary>Marks the readable <see langword="string"/> property that holds a session's id (exactly one per session type).</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SessionIdAttribute : Attribute;

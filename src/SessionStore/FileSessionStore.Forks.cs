namespace SessionStore;

/// <summary><see cref="FileSessionStore.Fork"/> and <see cref="FileSessionStore.Summarize"/> through the interface both backends implement.</summary>
public sealed partial class FileSessionStore : IStoredSessionStore;

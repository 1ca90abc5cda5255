namespace SessionStore.Tests.TestSupport;

/// <summary>Sample sessions and stores used across the tests.</summary>
public static class Sessions
{
    public static StoredSession Make(string id, params string[] messages) =>
        new(id, messages.Length == 0 ? ["hello", "world"] : messages, 12, 34);

    public static StoredSession WithMessages(string id, int count) =>
        new(id, Enumerable.Range(0, count).Select(i => $"message {i}: the quick brown fox jumps over the lazy dog").ToArray(), count * 10L, count * 20L);

    /// <summary>A store that skips fsync: the tests check behaviour, not power-cut durability.</summary>
    public static FileSessionStore FastStore(string directory) => new(directory, new FileSessionStoreOptions { Durable = false });

    /// <summary>
    /// A fast store on the hardened platform whatever SESSIONSTORE_PLATFORM says: for the tests of the in-place append
    /// protocol (intents, the marker, torn tails), which only that platform has; the portable one rewrites every append
    /// whole and refuses an intent it cannot judge (Contract/PortablePlatformTests).
    /// </summary>
    public static FileSessionStore HardenedStore(string directory) => new(directory, new FileSessionStoreOptions { Durable = false, FileSystemPlatform = FileSystemPlatform.Hardened });
}

using System.Globalization;

namespace SessionStore.Storage;

/// <summary>Where a corrupt session's file is moved aside: the hidden <c>.quarantine</c> directory, never listed, never deleted by the store.</summary>
internal static class Quarantine
{
    internal const string DirectoryName = ".quarantine";

    /// <returns>The file's new path.</returns>
    internal static string Move(string directory, string sessionId, string path)
    {
        string quarantine = Path.Join(directory, DirectoryName);
        StoreDirectory.Ensure(quarantine, durable: false);
        string target = Path.Join(quarantine, string.Create(CultureInfo.InvariantCulture, $"{sessionId}.{DateTime.UtcNow:yyyyMMddTHHmmssfff}.json"));
        File.Move(path, target, overwrite: false);
        return target;
    }
}

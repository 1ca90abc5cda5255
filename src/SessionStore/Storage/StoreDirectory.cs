using System.IO.Enumeration;

namespace SessionStore.Storage;

/// <summary>The store's directory: created private (0700 on Unix), listed without leftovers.</summary>
internal static class StoreDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the directory when it is missing; with <paramref name="durable"/>, makes its creation durable too.</summary>
    internal static void Ensure(string directory, bool durable)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnly);
        }

        if (durable && Path.GetDirectoryName(directory) is { Length: > 0 } parent)
        {
            DirectorySync.Flush(parent);
        }
    }

    /// <summary>
    /// The ids of the sessions in the directory, ordinal-sorted; empty when it is missing. Leftovers of
    /// processes that died mid-save or mid-delete are removed once they are older than <paramref name="leftoverAge"/>.
    /// </summary>
    internal static List<string> ListSessionIds(string directory, TimeSpan leftoverAge)
    {
        var ids = new List<string>();
        List<string>? leftovers = null;
        try
        {
            var entries = new FileSystemEnumerable<(string? SessionId, string? LeftoverPath)>(
                directory,
                static (ref FileSystemEntry entry) => SessionFileLayout.IsLeftover(entry.FileName)
                    ? (null, entry.ToFullPath())
                    : (SessionFileLayout.SessionIdFromFileName(entry.FileName), null),
                new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 })
            {
                ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory,
            };

            foreach ((string? sessionId, string? leftoverPath) in entries)
            {
                if (sessionId is not null)
                {
                    ids.Add(sessionId);
                }
                else if (leftoverPath is not null)
                {
                    (leftovers ??= []).Add(leftoverPath);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            return ids;
        }

        if (leftovers is not null)
        {
            RemoveStale(leftovers, leftoverAge);
        }

        ids.Sort(StringComparer.Ordinal);
        return ids;
    }

    private static void RemoveStale(List<string> leftovers, TimeSpan leftoverAge)
    {
        DateTime cutoff = DateTime.UtcNow - leftoverAge;
        foreach (string path in leftovers)
        {
            try
            {
                if (File.GetLastWriteTimeUtc(path) >= cutoff)
                {
                    continue;
                }

                // A save in flight holds its temp file with FileShare.None (flock on Unix): only a dead writer's file opens here.
                using var orphan = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // In use, or another process swept it first: it is invisible either way.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}

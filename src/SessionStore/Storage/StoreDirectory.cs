using System.IO.Enumeration;
using SessionStore.Buffers;

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
    /// processes that died mid-save or mid-delete are removed once they are older than <paramref name="leftoverAge"/> (null: kept).
    /// </summary>
    internal static string[] ListSessionIds(string directory, TimeSpan? leftoverAge)
    {
        // Ids collect in pooled buffers and land in one exact-size array: a growing List<string> of
        // 100,000 ids leaves ~2 MB of large-object garbage per call, and gen2 collections with it.
        var ids = new PooledList<string>();
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
            ids.Dispose();
            return [];
        }

        if (leftovers is not null && leftoverAge is { } age)
        {
            RemoveStale(leftovers, age);
        }

        string[] sorted = ids.ToArrayAndDispose();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }

    /// <summary>The files of the directory that are neither sessions nor the store's own: leftovers and foreign <c>.json</c> files.</summary>
    internal static (List<string> Leftovers, List<string> ForeignJson) ListOtherFiles(string directory)
    {
        var leftovers = new List<string>();
        var foreign = new List<string>();
        if (!Directory.Exists(directory))
        {
            return (leftovers, foreign);
        }

        foreach (string path in Directory.EnumerateFiles(directory))
        {
            ReadOnlySpan<char> name = Path.GetFileName(path.AsSpan());
            if (SessionFileLayout.IsLeftover(name))
            {
                leftovers.Add(path);
            }
            else if (name.EndsWith(SessionFileLayout.SessionExtension, StringComparison.Ordinal) && SessionFileLayout.SessionIdFromFileName(name) is null)
            {
                foreign.Add(path);
            }
        }

        return (leftovers, foreign);
    }

    /// <summary>Removes a leftover if it is older than <paramref name="leftoverAge"/> and no writer holds it; says whether it did.</summary>
    internal static bool TryRemoveLeftover(string path, TimeSpan leftoverAge)
    {
        try
        {
            if (File.GetLastWriteTimeUtc(path) >= DateTime.UtcNow - leftoverAge)
            {
                return false;
            }

            // A save in flight holds its temp file with FileShare.None (flock on Unix): only a dead writer's file opens here.
            using var orphan = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return true;
        }
        catch (IOException)
        {
            // In use, or another process swept it first: it is invisible either way.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void RemoveStale(List<string> leftovers, TimeSpan leftoverAge)
    {
        foreach (string path in leftovers)
        {
            _ = TryRemoveLeftover(path, leftoverAge);
        }
    }
}

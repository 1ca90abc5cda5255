using System.IO.Enumeration;

namespace SessionStore.Storage;

/// <summary>
/// One page of a directory's sessions without holding them all: one pass over the entries keeps the
/// <c>pageSize</c> first keys after the cursor in a bounded heap (O(entries x log pageSize) time, O(pageSize)
/// memory). A directory has no index, so each page reads every entry: a walk of n sessions in pages of p
/// reads n x n / p entries, which is why large pages suit large directories.
/// </summary>
internal static class DirectoryPager
{
    internal static SessionPage Page(string directory, SessionOrder order, int pageSize, (string Id, DateTime WrittenUtc)? after)
    {
        Comparison<(string Id, DateTime Written)> inPageOrder = order == SessionOrder.Id
            ? static (x, y) => string.CompareOrdinal(x.Id, y.Id)
            : static (x, y) => x.Written != y.Written ? y.Written.CompareTo(x.Written) : string.CompareOrdinal(y.Id, x.Id);

        // The root is the last kept key in page order: what a better key replaces.
        var kept = new PriorityQueue<(string Id, DateTime Written), (string Id, DateTime Written)>(
            pageSize + 1, Comparer<(string Id, DateTime Written)>.Create((x, y) => inPageOrder(y, x)));
        bool recent = order == SessionOrder.Recent;
        try
        {
            var entries = new FileSystemEnumerable<(string? Id, DateTime Written)>(
                directory,
                (ref FileSystemEntry entry) => SessionFileLayout.SessionIdFromFileName(entry.FileName) is { } id
                    ? (id, recent ? entry.LastWriteTimeUtc.UtcDateTime : default)
                    : (null, default),
                new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = 0 })
            {
                ShouldIncludePredicate = static (ref FileSystemEntry entry) => !entry.IsDirectory,
            };

            foreach ((string? id, DateTime written) in entries)
            {
                if (id is null)
                {
                    continue;
                }

                (string Id, DateTime Written) key = (id, written);
                if (after is { } cursor && inPageOrder(key, (cursor.Id, cursor.WrittenUtc)) <= 0)
                {
                    continue;
                }

                if (kept.Count < pageSize)
                {
                    kept.Enqueue(key, key);
                }
                else if (inPageOrder(key, kept.Peek()) < 0)
                {
                    _ = kept.DequeueEnqueue(key, key);
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            return new SessionPage([], null);
        }
        catch (Exception ex) when (SessionErrors.IsRaw(ex))
        {
            throw SessionErrors.Translate(ex, SessionOperation.List, null, SessionLocation.Directory(directory));
        }

        bool full = kept.Count == pageSize;
        var page = new (string Id, DateTime Written)[kept.Count];
        for (int i = page.Length - 1; i >= 0; i--)
        {
            page[i] = kept.Dequeue();
        }

        return new SessionPage(Array.ConvertAll(page, static key => key.Id), SessionPaging.NextToken(order, full, page.Length > 0 ? page[^1].Id : null, page.Length > 0 ? page[^1].Written : default));
    }
}

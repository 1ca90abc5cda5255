using SessionStore.Storage;

namespace SessionStore;

/// <summary>The paged listing on a directory: each page is one pass over the directory that keeps only the page.</summary>
public partial class FileSessionStore<TSession> : ISessionPaging
{
    /// <inheritdoc />
    /// <remarks>
    /// A directory has no index: each page reads every entry (and, by recency, each file's last write time)
    /// and keeps only its own ids, so memory stays O(<paramref name="pageSize"/>) and a whole walk reads
    /// n x n / <paramref name="pageSize"/> entries; prefer large pages for large directories.
    /// </remarks>
    public SessionPage ListPage(SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null) =>
        DirectoryPager.Page(DirectoryPath, order, pageSize, SessionPaging.ReadToken(order, pageSize, pageToken));

    /// <inheritdoc />
    /// <remarks>Completes synchronously: listing a directory has no asynchronous system call.</remarks>
    public ValueTask<SessionPage> ListPageAsync(
        SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(ListPage(order, pageSize, pageToken));
    }
}

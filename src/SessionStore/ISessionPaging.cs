namespace SessionStore;

/// <summary>
/// A listing in pages that never holds every id at once, on every backend: keyset pagination (a page token
/// carries the last key read, not an offset), so a page costs the same wherever it is. Sessions written or
/// deleted while a walk is under way may or may not appear, and no id appears twice in one walk.
/// <see cref="SessionPaging.ListAllAsync"/> walks every page as an <see cref="IAsyncEnumerable{T}"/>.
/// </summary>
public interface ISessionPaging
{
    /// <summary>One page of the stored ids.</summary>
    /// <param name="order">By id, or most recently written first.</param>
    /// <param name="pageSize">At most this many ids: 1 to <see cref="SessionPaging.MaxPageSize"/>.</param>
    /// <param name="pageToken">The previous page's <see cref="SessionPage.NextPageToken"/>, or <see langword="null"/> for the first page.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="pageToken"/> is not a token of this order.</exception>
    /// <exception cref="SessionStorageException">The store could not be listed.</exception>
    SessionPage ListPage(SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null);

    /// <inheritdoc cref="ListPage"/>
    /// <param name="order">By id, or most recently written first.</param>
    /// <param name="pageSize">At most this many ids.</param>
    /// <param name="pageToken">The previous page's token, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<SessionPage> ListPageAsync(
        SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null, CancellationToken cancellationToken = default);
}

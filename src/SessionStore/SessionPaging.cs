using System.Globalization;
using System.Runtime.CompilerServices;

namespace SessionStore;

/// <summary>Walks an <see cref="ISessionPaging"/> page by page, and reads and writes its page tokens.</summary>
public static class SessionPaging
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultPageSize = 1000;

    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 100_000;

    /// <summary>Every stored id, fetched one page at a time, so at most <paramref name="pageSize"/> ids are held at once.</summary>
    /// <param name="store">The store.</param>
    /// <param name="order">By id, or most recently written first.</param>
    /// <param name="pageSize">Ids per page.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>The ids, in <paramref name="order"/>.</returns>
    public static async IAsyncEnumerable<string> ListAllAsync(
        this ISessionPaging store, SessionOrder order = SessionOrder.Id, int pageSize = DefaultPageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            SessionPage page = await store.ListPageAsync(order, pageSize, token, cancellationToken).ConfigureAwait(false);
            foreach (string id in page.Ids)
            {
                yield return id;
            }

            token = page.NextPageToken;
        }
        while (token is not null);
    }

    /// <inheritdoc cref="ListAllAsync"/>
    /// <param name="store">The store.</param>
    /// <param name="order">By id, or most recently written first.</param>
    /// <param name="pageSize">Ids per page.</param>
    public static IEnumerable<string> ListAll(this ISessionPaging store, SessionOrder order = SessionOrder.Id, int pageSize = DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(store);
        string? token = null;
        do
        {
            SessionPage page = store.ListPage(order, pageSize, token);
            foreach (string id in page.Ids)
            {
                yield return id;
            }

            token = page.NextPageToken;
        }
        while (token is not null);
    }

    /// <summary>Checks a page request and reads its token: the last key of the previous page (a time only in <see cref="SessionOrder.Recent"/>).</summary>
    internal static (string Id, DateTime WrittenUtc)? ReadToken(SessionOrder order, int pageSize, string? pageToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        if (order is not (SessionOrder.Id or SessionOrder.Recent))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "Not a session order.");
        }

        if (pageToken is null)
        {
            return null;
        }

        (string Id, DateTime WrittenUtc)? key = null;
        if (order == SessionOrder.Id && pageToken.StartsWith("i:", StringComparison.Ordinal))
        {
            key = (pageToken[2..], default);
        }
        else if (order == SessionOrder.Recent && pageToken.StartsWith("r:", StringComparison.Ordinal) && pageToken.IndexOf(':', 2) is var colon and > 2 &&
            long.TryParse(pageToken.AsSpan(2, colon - 2), NumberStyles.None, CultureInfo.InvariantCulture, out long ticks) && ticks <= DateTime.MaxValue.Ticks)
        {
            key = (pageToken[(colon + 1)..], new DateTime(ticks, DateTimeKind.Utc));
        }

        // The id is only compared with, never used to reach a session: a row another client stored under an id the rules refuse still pages on.
        return key is { Id.Length: > 0 }
            ? key
            : throw new ArgumentException($"'{pageToken}' is not a page token of a listing by {order}.", nameof(pageToken));
    }

    /// <summary>The token after <paramref name="lastId"/> (written at <paramref name="writtenUtc"/>), or null when the page was not full (the last).</summary>
    internal static string? NextToken(SessionOrder order, bool full, string? lastId, DateTime writtenUtc) =>
        !full || lastId is null ? null
        : order == SessionOrder.Id ? "i:" + lastId
        : string.Create(CultureInfo.InvariantCulture, $"r:{writtenUtc.Ticks}:{lastId}");
}

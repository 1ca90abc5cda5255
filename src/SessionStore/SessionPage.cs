namespace SessionStore;

/// <summary>One page of a paged listing (<see cref="ISessionPaging"/>).</summary>
/// <param name="Ids">The page's ids, in the requested order; at most the page size, fewer when some stored ids break the id rules.</param>
/// <param name="NextPageToken">Pass it for the next page; <see langword="null"/> when this page is the last.</param>
public sealed record SessionPage(IReadOnlyList<string> Ids, string? NextPageToken);

namespace SessionStore;

/// <summary>One page of a search's hits, best first (<see cref="ISessionCatalog.Search"/>).</summary>
/// <param name="Hits">The hits.</param>
/// <param name="NextPageToken">The token of the next page (put it in <see cref="SessionQuery.PageToken"/>), or <see langword="null"/> when this is the last.</param>
public sealed record SessionSearchPage(IReadOnlyList<SessionSearchHit> Hits, string? NextPageToken);

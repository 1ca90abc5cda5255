namespace SessionStore;

/// <summary>One page of a catalog query (<see cref="ISessionCatalog.Query"/>).</summary>
/// <param name="Sessions">The page's sessions, in the query's order.</param>
/// <param name="NextPageToken">The token of the next page, or <see langword="null"/> when this is the last.</param>
public sealed record SessionQueryPage(IReadOnlyList<SessionMetadata> Sessions, string? NextPageToken);

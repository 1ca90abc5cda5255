namespace SessionStore.Tool.Cli;

/// <summary>A session as <c>list --json</c> prints it from a store's catalog: its metadata and whether it is pinned (snake_case).</summary>
internal sealed record CatalogRow(
    string SessionId, string Title, int MessageCount, long InputTokens, long OutputTokens, long SizeBytes, DateTimeOffset LastModified,
    DateTimeOffset CreatedAt, IReadOnlyList<string> Tags, string? Owner, string? Agent, bool Pinned)
{
    internal static CatalogRow Of(SessionMetadata m, bool pinned) =>
        new(m.SessionId, m.Title, m.ItemCount, m.InputTokens, m.OutputTokens, m.SizeBytes, m.UpdatedAt, m.CreatedAt, m.Tags, m.Owner, m.Agent, pinned);
}

namespace SessionStore.Tool.Cli;

/// <summary>A search hit as <c>search --json</c> prints it (snake_case): the session, its rank, the snippet and where its words are.</summary>
internal sealed record SearchRow(string SessionId, string Title, double Rank, int ItemIndex, string Snippet, IReadOnlyList<SearchHighlight> Highlights, DateTimeOffset LastModified)
{
    internal static SearchRow Of(SessionSearchHit hit) =>
        new(hit.Session.SessionId, hit.Session.Title, hit.Rank, hit.ItemIndex, hit.Snippet, [.. hit.Highlights.Select(h => new SearchHighlight(h.Start, h.Length))], hit.Session.UpdatedAt);
}

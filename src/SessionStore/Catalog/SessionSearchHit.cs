namespace SessionStore;

/// <summary>One session a search found (<see cref="ISessionCatalog.Search"/>).</summary>
/// <param name="Session">The session's metadata.</param>
/// <param name="Rank">How well it matches: higher is better; comparable only within one search.</param>
/// <param name="Snippet">A short plain-text excerpt around the best hit (a session's text, so treat it as hostile when you render it).</param>
/// <param name="Highlights">Where the search's words occur in <paramref name="Snippet"/>.</param>
/// <param name="ItemIndex">The index of the message or item the snippet is from, or -1 when it is from the title.</param>
public sealed record SessionSearchHit(SessionMetadata Session, double Rank, string Snippet, IReadOnlyList<SnippetHighlight> Highlights, int ItemIndex);

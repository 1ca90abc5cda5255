namespace SessionStore;

/// <summary>Where a search's words occur in a snippet (<see cref="SessionSearchHit.Snippet"/>), in UTF-16 code units.</summary>
/// <param name="Start">The first character of the match.</param>
/// <param name="Length">The match's length.</param>
public readonly record struct SnippetHighlight(int Start, int Length);

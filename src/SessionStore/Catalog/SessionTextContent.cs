namespace SessionStore;

/// <summary>What a catalog reads from a stored session's JSON for titles and search (<see cref="SessionText.Read"/>).</summary>
/// <param name="StoredTitle">A title the session itself carries (an agent conversation's <c>title</c>), or <see langword="null"/>.</param>
/// <param name="DerivedTitle">The stored title, else the first line of the first user message (or of the first item when items have no roles); empty when the session has no text.</param>
/// <param name="Items">The text of each item of the session's list, in order.</param>
public sealed record SessionTextContent(string? StoredTitle, string DerivedTitle, IReadOnlyList<SessionItemText> Items);

namespace SessionStore;

/// <summary>The searchable text of one message or item of a session (<see cref="SessionText"/>).</summary>
/// <param name="Index">The item's index in the session's list.</param>
/// <param name="Role">The item's role (<c>user</c>, <c>assistant</c>...), or <see langword="null"/> when it has none (the reference format's plain strings).</param>
/// <param name="Text">The item's text: its text parts, else every string it holds, joined by new lines.</param>
public sealed record SessionItemText(int Index, string? Role, string Text);

namespace SessionStore.Conformance.Appends;

/// <summary>One turn of a <see cref="TurnLog"/>.</summary>
public sealed record LogTurn(string Role, string Text);

namespace SessionStore.Benchmarks.Typed;

/// <summary>One turn of a <see cref="TypedChat"/>.</summary>
public sealed record ChatTurn(string Role, string Text, long Tokens);

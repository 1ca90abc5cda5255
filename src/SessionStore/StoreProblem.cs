namespace SessionStore;

/// <summary>Something <c>Check</c> found wrong in a store's directory.</summary>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Path">The full path of the file concerned.</param>
/// <param name="SessionId">The session concerned, when there is one.</param>
/// <param name="Description">What is wrong, in a sentence.</param>
/// <param name="Repaired">Whether <c>Check(repair: true)</c> fixed it, and how is in <paramref name="Description"/>.</param>
public sealed record StoreProblem(StoreProblemKind Kind, string Path, string? SessionId, string Description, bool Repaired);

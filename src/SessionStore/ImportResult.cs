namespace SessionStore;

/// <summary>What <see cref="FileSessionStore{TSession}.Import"/> did.</summary>
/// <param name="Added">The ids that had no session before, in input order.</param>
/// <param name="Replaced">The ids whose session was replaced (only with <c>overwrite</c>), in input order.</param>
/// <param name="Unchanged">The ids whose stored session was already exactly the imported one, in input order: nothing was written for them.</param>
public sealed record ImportResult(IReadOnlyList<string> Added, IReadOnlyList<string> Replaced, IReadOnlyList<string> Unchanged);

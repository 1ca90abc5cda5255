namespace SessionStore;

/// <summary>What <c>Check</c> looked at and what it found.</summary>
/// <param name="SessionsChecked">The number of session files read.</param>
/// <param name="Problems">The problems found; empty when the directory is healthy.</param>
public sealed record StoreCheckResult(int SessionsChecked, IReadOnlyList<StoreProblem> Problems);

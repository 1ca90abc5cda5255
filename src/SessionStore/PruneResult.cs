namespace SessionStore;

/// <summary>What <see cref="ISessionRetention.Prune"/> did, or would do.</summary>
/// <param name="Trashed">The ids moved into the trash (or that would be), ordinal-sorted.</param>
/// <param name="KeptPinned">The ids old enough to go but kept because they are pinned, ordinal-sorted.</param>
/// <param name="DryRun">Whether nothing was moved.</param>
public sealed record PruneResult(IReadOnlyList<string> Trashed, IReadOnlyList<string> KeptPinned, bool DryRun);

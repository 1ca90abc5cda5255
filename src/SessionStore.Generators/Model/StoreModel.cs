namespace SessionStore.Generators.Model;

/// <summary>What parsing one <c>[SessionStore]</c> class gives: the store to emit, or the reasons it cannot be (never both).</summary>
/// <param name="Spec">The store to emit, or null.</param>
/// <param name="Diagnostics">What keeps it from being emitted.</param>
internal sealed record StoreModel(StoreSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

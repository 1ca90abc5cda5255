namespace SessionStore.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one store, as plain strings and numbers: no symbol, syntax
/// node or compilation, so an unrelated edit leaves it equal and the step cached.
/// </summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Namespace">The store's namespace, or null in the global namespace.</param>
/// <param name="ContainingTypes">The types the store is nested in, outermost first.</param>
/// <param name="ClassName">The store class's name.</param>
/// <param name="SessionType">The session type, fully qualified with <c>global::</c>.</param>
/// <param name="ContextType">The JSON context type, fully qualified with <c>global::</c>.</param>
/// <param name="IdProperty">The name of the session's <c>[SessionId]</c> property.</param>
/// <param name="SchemaVersion">The version the store writes.</param>
/// <param name="Migrations">The migration methods' names; element i migrates version i + 1.</param>
/// <param name="CanTargetPostgres">Whether to emit <c>ForPostgres</c>: the compilation references SessionStore.Postgres and the store is unversioned.</param>
internal sealed record StoreSpec(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string ClassName,
    string SessionType,
    string ContextType,
    string IdProperty,
    int SchemaVersion,
    EquatableArray<string> Migrations,
    bool CanTargetPostgres = false);

namespace SessionStore.Generators.Model;

/// <summary>
/// Everything the emitter needs to write one store, as plain strings and numbers: no symbol, syntax
/// node or compilation, so an unrelated edit leaves it equal and the step cached. Names are ready to
/// print (keywords escaped with <c>@</c>).
/// </summary>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Namespace">The store's namespace, or null in the global namespace.</param>
/// <param name="ContainingTypes">The types the store is nested in, outermost first.</param>
/// <param name="ClassName">The store class's name.</param>
/// <param name="SessionType">The session type, fully qualified with <c>global::</c>.</param>
/// <param name="SessionCref">A <c>cref</c> to the session type (to its generic definition when it is generic).</param>
/// <param name="ContextType">The JSON context type, fully qualified with <c>global::</c>.</param>
/// <param name="IdProperty">The name of the session's <c>[SessionId]</c> property.</param>
/// <param name="IdIsNullable">Whether that property is a <c>string?</c> (the store refuses a null id at run time).</param>
/// <param name="SchemaVersion">The version the store writes.</param>
/// <param name="Migrations">The migration methods' names; element i migrates version i + 1.</param>
/// <param name="ValidatesSessions">Whether the store overrides <c>ValidateSession</c>, which its <c>Descriptor</c> then runs.</param>
/// <param name="ItemsProperty">The name of the session's <c>[SessionItems]</c> list, or null.</param>
/// <param name="ItemType">The list's item type, fully qualified with <c>global::</c>, or null.</param>
/// <param name="ItemsJsonName">The list's <c>[JsonPropertyName]</c>, or null when the JSON metadata names it.</param>
/// <param name="TotalsMethod">The store's method that updates totals for appended items, or null.</param>
/// <param name="CreateMethod">The store's method that creates an empty session for an append to a missing one, or null.</param>
/// <param name="ImplementsFactory">Whether to implement <c>IFileSessionStoreFactory&lt;TStore&gt;</c> (for DI; C# 11 and later only).</param>
/// <param name="CanTargetPostgres">Whether to emit <c>ForPostgres</c>.</param>
/// <param name="LanguageVersion">The C# version of the store's file, as a number (7.3 is 703); the code uses only what it allows.</param>
internal sealed record StoreSpec(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string ClassName,
    string SessionType,
    string SessionCref,
    string ContextType,
    string IdProperty,
    bool IdIsNullable,
    int SchemaVersion,
    EquatableArray<string> Migrations,
    bool ValidatesSessions,
    string? ItemsProperty,
    string? ItemType,
    string? ItemsJsonName,
    string? TotalsMethod,
    string? CreateMethod,
    bool ImplementsFactory,
    bool CanTargetPostgres,
    int LanguageVersion);

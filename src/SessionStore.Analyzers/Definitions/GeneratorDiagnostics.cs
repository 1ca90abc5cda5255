using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers.Definitions;

/// <summary>
/// The diagnostics about a <c>[SessionStore]</c> definition (SSG ids). The analyzer reports them, so
/// <c>#pragma</c> and <c>.editorconfig</c> work; the generator, which shares the checks, skips what they flag.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "SessionStore.Generator";
    private const string DocsBase = "https://github.com/sessionstore/sessionstore/blob/main/docs/analyzers/";

    internal static readonly DiagnosticDescriptor NotPartial = Error(
        "SSG0001", "A session store class must be partial", "'{0}' must be partial (and so must every type that contains it) for the generator to complete it");

    internal static readonly DiagnosticDescriptor HasOtherBaseClass = Error(
        "SSG0002", "A session store class cannot have another base class", "'{0}' derives from '{1}'; a generated store derives from FileSessionStore<{2}>");

    internal static readonly DiagnosticDescriptor NoSessionId = Error(
        "SSG0003", "The session type has no [SessionId] property", "'{0}' has no property marked [SessionId]");

    internal static readonly DiagnosticDescriptor SeveralSessionIds = Error(
        "SSG0004", "The session type has more than one [SessionId] property", "'{0}' has more than one property marked [SessionId]: {1}");

    internal static readonly DiagnosticDescriptor SessionIdNotReadableString = Error(
        "SSG0005", "The [SessionId] property is not a readable string", "'{0}.{1}' must be a string with a getter the store can call");

    internal static readonly DiagnosticDescriptor NotAJsonContext = Error(
        "SSG0006", "The context type is not a JsonSerializerContext", "'{0}' is not a System.Text.Json.Serialization.JsonSerializerContext");

    internal static readonly DiagnosticDescriptor SessionNotRegistered = Error(
        "SSG0007", "The session type is not registered on the JSON context", "'{0}' has no [JsonSerializable(typeof({1}))]");

    internal static readonly DiagnosticDescriptor MigrationGap = Error(
        "SSG0008", "The migration chain has a gap", "No [SessionMigration({0})] step: a version {0} file cannot reach schema version {1}");

    internal static readonly DiagnosticDescriptor DuplicateMigration = Error(
        "SSG0009", "Two migration steps start from the same version", "[SessionMigration({0})] is declared more than once");

    internal static readonly DiagnosticDescriptor MigrationOutOfRange = Error(
        "SSG0010", "A migration step is outside the schema's versions", "[SessionMigration({0})] must migrate from a version between 1 and {1} (SchemaVersion - 1)");

    internal static readonly DiagnosticDescriptor MigrationSignature = Error(
        "SSG0011", "A migration method has the wrong signature", "'{0}' must be 'static void {0}(JsonObject session)'");

    internal static readonly DiagnosticDescriptor SchemaVersionTooLow = Error(
        "SSG0012", "The schema version must be at least 1", "SchemaVersion is {0}; it must be at least 1");

    internal static readonly DiagnosticDescriptor GenericStore = Error(
        "SSG0013", "A session store class cannot be generic", "'{0}' is generic or nested in a generic type; a generated store needs one fixed session type");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: DocsBase + id + ".md");
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SessionStore.Analyzers;

namespace SessionStore.Generators;

/// <summary>
/// The diagnostics about a <c>[SessionStore]</c> definition (SSG ids). The generator reports them on the
/// user's own line, so <c>#pragma</c> and <c>.editorconfig</c> work and a compile error elsewhere does not
/// hide them, and it emits nothing for a definition that has one.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "SessionStore.Generator";

    internal static readonly DiagnosticDescriptor StoreNotPartial = Error(
        RuleIdentifiers.StoreNotPartial, "A session store class must be partial", "'{0}' must be partial (and so must every type that contains it) for the generator to complete it");

    internal static readonly DiagnosticDescriptor StoreHasOtherBaseClass = Error(
        RuleIdentifiers.StoreHasOtherBaseClass, "A session store class cannot have another base class", "'{0}' derives from '{1}'; a generated store derives from FileSessionStore<{2}>");

    internal static readonly DiagnosticDescriptor NoSessionId = Error(
        RuleIdentifiers.NoSessionId, "The session type has no [SessionId] property", "'{0}' has no property marked [SessionId]");

    internal static readonly DiagnosticDescriptor SeveralSessionIds = Error(
        RuleIdentifiers.SeveralSessionIds, "The session type has more than one [SessionId] property", "'{0}' has more than one property marked [SessionId]: {1}");

    internal static readonly DiagnosticDescriptor SessionIdNotReadableString = Error(
        RuleIdentifiers.SessionIdNotReadableString, "The [SessionId] property is not a readable string", "'{0}.{1}' must be a string with a getter the store can call");

    internal static readonly DiagnosticDescriptor NotAJsonContext = Error(
        RuleIdentifiers.NotAJsonContext, "The context type is not a JsonSerializerContext", "'{0}' is not a System.Text.Json.Serialization.JsonSerializerContext");

    internal static readonly DiagnosticDescriptor SessionNotRegistered = Error(
        RuleIdentifiers.SessionNotRegistered, "The session type is not registered on the JSON context", "'{0}' has no [JsonSerializable(typeof({1}))]");

    internal static readonly DiagnosticDescriptor MigrationGap = Error(
        RuleIdentifiers.MigrationGap, "The migration chain has a gap", "No [SessionMigration({0})] step: a version {0} file cannot reach schema version {1}");

    internal static readonly DiagnosticDescriptor DuplicateMigration = Error(
        RuleIdentifiers.DuplicateMigration, "Two migration steps start from the same version", "[SessionMigration({0})] is declared more than once");

    internal static readonly DiagnosticDescriptor MigrationOutOfRange = Error(
        RuleIdentifiers.MigrationOutOfRange, "A migration step is outside the schema's versions", "[SessionMigration({0})] must migrate from a version between 1 and {1} (SchemaVersion - 1)");

    internal static readonly DiagnosticDescriptor MigrationSignature = Error(
        RuleIdentifiers.MigrationSignature, "A migration method has the wrong signature", "'{0}' must be 'static void {0}(JsonObject session)'");

    internal static readonly DiagnosticDescriptor SchemaVersionTooLow = Error(
        RuleIdentifiers.SchemaVersionTooLow, "The schema version must be at least 1", "SchemaVersion is {0}; it must be at least 1");

    internal static readonly DiagnosticDescriptor GenericStore = Error(
        RuleIdentifiers.GenericStore, "A session store class cannot be generic", "'{0}' is generic or nested in a generic type; a generated store needs one fixed session type");

    internal static readonly DiagnosticDescriptor SessionTypeNotAClass = Error(
        RuleIdentifiers.SessionTypeNotAClass, "The session type must be a class", "'{0}' cannot be a session type: {1}");

    internal static readonly DiagnosticDescriptor StoreMoreAccessibleThanSession = Error(
        RuleIdentifiers.StoreMoreAccessibleThanSession, "The store is more accessible than its session type", "'{0}' is {1} but its session type '{2}' is {3}: the generated base class FileSessionStore<{2}> would be less accessible than the store");

    internal static readonly DiagnosticDescriptor StoreNotAPlainClass = Error(
        RuleIdentifiers.StoreNotAPlainClass, "A session store must be a non-static class that is not a record", "'{0}' is {1}; a generated store derives from FileSessionStore<T>, which only a non-static class that is not a record can");

    internal static readonly DiagnosticDescriptor StoreDeclaresGeneratedMember = Error(
        RuleIdentifiers.StoreDeclaresGeneratedMember, "The store declares a member the generator writes", "'{0}' already declares {1}, which the generator writes");

    internal static readonly DiagnosticDescriptor FileLocalType = Error(
        RuleIdentifiers.FileLocalType, "A type the generated store uses is file-local", "'{0}' is file-local, so the generated part of '{1}' (another file) cannot use it");

    internal static readonly DiagnosticDescriptor SeveralSessionItems = Error(
        RuleIdentifiers.SeveralSessionItems, "The session type has more than one [SessionItems] property", "'{0}' has more than one property marked [SessionItems]: {1}; a session grows through one list");

    internal static readonly DiagnosticDescriptor SessionItemsNotAList = Error(
        RuleIdentifiers.SessionItemsNotAList, "The [SessionItems] property is not a readable list", "'{0}.{1}' must be an array or a list (a type that is an IReadOnlyList<T>) with a getter the store can call");

    internal static readonly DiagnosticDescriptor ItemTypeNotRegistered = Error(
        RuleIdentifiers.ItemTypeNotRegistered, "The item type is not registered on the JSON context", "'{0}' has no [JsonSerializable(typeof({1}))]; an append writes items on their own");

    internal static readonly DiagnosticDescriptor TotalsSignature = Error(
        RuleIdentifiers.TotalsSignature, "The totals method of [SessionItems] is missing or has the wrong signature", "'{0}' must be a method of the store: 'static {1} {0}({1} session, IReadOnlyList<{2}> items)'");

    internal static readonly DiagnosticDescriptor CreateSignature = Error(
        RuleIdentifiers.CreateSignature, "The create method of [SessionItems] is missing or has the wrong signature", "'{0}' must be a method of the store: 'static {1} {0}(string id)'");

    /// <summary>Every descriptor here, in id order.</summary>
    internal static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        StoreNotPartial, StoreHasOtherBaseClass, NoSessionId, SeveralSessionIds, SessionIdNotReadableString, NotAJsonContext,
        SessionNotRegistered, MigrationGap, DuplicateMigration, MigrationOutOfRange, MigrationSignature, SchemaVersionTooLow,
        GenericStore, SessionTypeNotAClass, StoreMoreAccessibleThanSession, StoreNotAPlainClass, StoreDeclaresGeneratedMember, FileLocalType,
        SeveralSessionItems, SessionItemsNotAList, ItemTypeNotRegistered, TotalsSignature, CreateSignature);

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: RuleIdentifiers.HelpLink(id));
}

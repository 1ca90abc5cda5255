using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SessionStore.Analyzers.Definitions;

/// <summary>
/// A <c>[SessionStore]</c> class as the compiler sees it, and everything wrong with it. Compiled into
/// both the analyzer (which reports <see cref="Problems"/>) and the generator (which emits only when
/// there are none), so the two can never disagree about what is valid.
/// </summary>
internal sealed class StoreDefinition
{
    internal const string AttributeMetadataName = "SessionStore.SessionStoreAttribute";
    private const string SessionIdAttributeName = "SessionStore.SessionIdAttribute";
    private const string MigrationAttributeName = "SessionStore.SessionMigrationAttribute";
    private const string JsonContextName = "System.Text.Json.Serialization.JsonSerializerContext";
    private const string JsonSerializableName = "System.Text.Json.Serialization.JsonSerializableAttribute";
    private const string JsonObjectName = "System.Text.Json.Nodes.JsonObject";
    private const string FileStoreName = "SessionStore.FileSessionStore`1";

    private readonly List<Diagnostic> _problems = new();

    private StoreDefinition(INamedTypeSymbol storeClass)
    {
        StoreClass = storeClass;
    }

    internal INamedTypeSymbol StoreClass { get; }

    internal INamedTypeSymbol? SessionType { get; private set; }

    internal INamedTypeSymbol? ContextType { get; private set; }

    internal IPropertySymbol? IdProperty { get; private set; }

    internal int SchemaVersion { get; private set; } = 1;

    /// <summary>The migration methods, ordered by the version they migrate from.</summary>
    internal IReadOnlyList<(int FromVersion, IMethodSymbol Method)> Migrations { get; private set; } = new List<(int, IMethodSymbol)>();

    internal IReadOnlyList<Diagnostic> Problems => _problems;

    /// <summary>Null when the attribute's own arguments are missing or do not bind (the compiler reports that).</summary>
    internal static StoreDefinition? Read(INamedTypeSymbol storeClass, AttributeData attribute, Compilation compilation)
    {
        if (attribute.ConstructorArguments.Length != 2 ||
            attribute.ConstructorArguments[0].Value is not INamedTypeSymbol { TypeKind: not TypeKind.Error } sessionType ||
            attribute.ConstructorArguments[1].Value is not INamedTypeSymbol { TypeKind: not TypeKind.Error } contextType)
        {
            return null;
        }

        var definition = new StoreDefinition(storeClass) { SessionType = sessionType, ContextType = contextType };
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "SchemaVersion" && named.Value.Value is int version)
            {
                definition.SchemaVersion = version;
            }
        }

        Location classLocation = storeClass.Locations.FirstOrDefault() ?? Location.None;
        Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? classLocation;
        definition.CheckClass(compilation, classLocation);
        definition.CheckSessionId(attributeLocation);
        definition.CheckContext(compilation, attributeLocation);
        definition.CheckMigrations(compilation, attributeLocation);
        return definition;
    }

    private void CheckClass(Compilation compilation, Location location)
    {
        for (INamedTypeSymbol? type = StoreClass; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                Report(GeneratorDiagnostics.GenericStore, location, StoreClass.Name);
                break;
            }
        }

        for (INamedTypeSymbol? type = StoreClass; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type))
            {
                Report(GeneratorDiagnostics.NotPartial, location, type.Name);
                break;
            }
        }

        INamedTypeSymbol? baseType = StoreClass.BaseType;
        INamedTypeSymbol? fileStore = compilation.GetTypeByMetadataName(FileStoreName);
        bool isExpectedBase = baseType is null || baseType.SpecialType == SpecialType.System_Object ||
            (fileStore is not null && SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, fileStore) &&
             SymbolEqualityComparer.Default.Equals(baseType.TypeArguments[0], SessionType));
        if (!isExpectedBase)
        {
            Report(GeneratorDiagnostics.HasOtherBaseClass, location, StoreClass.Name, baseType!.ToDisplayString(), SessionType!.ToDisplayString());
        }

        if (SchemaVersion < 1)
        {
            Report(GeneratorDiagnostics.SchemaVersionTooLow, location, SchemaVersion);
        }
    }

    private void CheckSessionId(Location attributeLocation)
    {
        var marked = new List<IPropertySymbol>();
        var seen = new HashSet<string>();
        for (INamedTypeSymbol? type = SessionType; type is not null; type = type.BaseType)
        {
            foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
            {
                if (seen.Add(property.Name) && HasAttribute(property, SessionIdAttributeName))
                {
                    marked.Add(property);
                }
            }
        }

        string sessionName = SessionType!.ToDisplayString();
        if (marked.Count == 0)
        {
            Report(GeneratorDiagnostics.NoSessionId, attributeLocation, sessionName);
            return;
        }

        if (marked.Count > 1)
        {
            Report(GeneratorDiagnostics.SeveralSessionIds, attributeLocation, sessionName, string.Join(", ", marked.Select(p => p.Name)));
            return;
        }

        IPropertySymbol id = marked[0];
        bool readable = id.Type.SpecialType == SpecialType.System_String && !id.IsStatic && id.GetMethod is { } getter &&
            (getter.DeclaredAccessibility == Accessibility.Public ||
             (getter.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal &&
              SymbolEqualityComparer.Default.Equals(getter.ContainingAssembly, StoreClass.ContainingAssembly)));
        if (!readable)
        {
            Report(GeneratorDiagnostics.SessionIdNotReadableString, id.Locations.FirstOrDefault(l => l.IsInSource) ?? attributeLocation, sessionName, id.Name);
            return;
        }

        IdProperty = id;
    }

    private void CheckContext(Compilation compilation, Location attributeLocation)
    {
        INamedTypeSymbol? jsonContext = compilation.GetTypeByMetadataName(JsonContextName);
        if (jsonContext is null || !InheritsFrom(ContextType!, jsonContext))
        {
            Report(GeneratorDiagnostics.NotAJsonContext, attributeLocation, ContextType!.ToDisplayString());
            return;
        }

        bool registered = ContextType!.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == JsonSerializableName &&
            a.ConstructorArguments.Length > 0 &&
            SymbolEqualityComparer.Default.Equals(a.ConstructorArguments[0].Value as ITypeSymbol, SessionType));
        if (!registered)
        {
            Report(GeneratorDiagnostics.SessionNotRegistered, attributeLocation, ContextType.ToDisplayString(), SessionType!.ToDisplayString());
        }
    }

    private void CheckMigrations(Compilation compilation, Location attributeLocation)
    {
        INamedTypeSymbol? jsonObject = compilation.GetTypeByMetadataName(JsonObjectName);
        var steps = new List<(int FromVersion, IMethodSymbol Method)>();
        foreach (IMethodSymbol method in StoreClass.GetMembers().OfType<IMethodSymbol>())
        {
            AttributeData? migration = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == MigrationAttributeName);
            if (migration?.ConstructorArguments.FirstOrDefault().Value is not int from)
            {
                continue;
            }

            Location location = method.Locations.FirstOrDefault() ?? attributeLocation;
            bool signatureOk = method.IsStatic && method.ReturnsVoid && !method.IsGenericMethod && method.Parameters.Length == 1 &&
                method.Parameters[0].RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, jsonObject);
            if (!signatureOk)
            {
                Report(GeneratorDiagnostics.MigrationSignature, location, method.Name);
            }
            else if (from < 1 || from >= SchemaVersion)
            {
                Report(GeneratorDiagnostics.MigrationOutOfRange, location, from, SchemaVersion - 1);
            }
            else if (steps.Any(s => s.FromVersion == from))
            {
                Report(GeneratorDiagnostics.DuplicateMigration, location, from);
            }
            else
            {
                steps.Add((from, method));
            }
        }

        for (int version = 1; version < SchemaVersion; version++)
        {
            if (!steps.Any(s => s.FromVersion == version) && !_problems.Any(p => p.Id == GeneratorDiagnostics.MigrationSignature.Id))
            {
                Report(GeneratorDiagnostics.MigrationGap, attributeLocation, version, SchemaVersion);
            }
        }

        Migrations = steps.OrderBy(s => s.FromVersion).ToList();
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params object[] args) =>
        _problems.Add(Diagnostic.Create(descriptor, location, args));

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static bool HasAttribute(ISymbol symbol, string metadataName) =>
        symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static bool InheritsFrom(INamedTypeSymbol type, INamedTypeSymbol candidateBase)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, candidateBase))
            {
                return true;
            }
        }

        return false;
    }
}

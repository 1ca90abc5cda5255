using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionStore.Analyzers;
using SessionStore.Generators.Model;

namespace SessionStore.Generators.Parsing;

/// <summary>
/// A <c>[SessionStore]</c> class as the compiler sees it, and everything that keeps the generator from
/// serving it. The generator emits a store only when <see cref="Problems"/> is empty, so every definition
/// it cannot complete with code that compiles is a diagnostic on the user's line instead.
/// </summary>
internal sealed class StoreDefinition
{
    private readonly List<DiagnosticInfo> _problems = new();
    private readonly KnownSymbols _symbols;
    private readonly Location _classLocation;
    private readonly Location _attributeLocation;

    private StoreDefinition(INamedTypeSymbol storeClass, KnownSymbols symbols, Location classLocation, Location attributeLocation)
    {
        StoreClass = storeClass;
        _symbols = symbols;
        _classLocation = classLocation;
        _attributeLocation = attributeLocation;
    }

    internal INamedTypeSymbol StoreClass { get; }

    internal INamedTypeSymbol? SessionType { get; private set; }

    internal INamedTypeSymbol? ContextType { get; private set; }

    internal IPropertySymbol? IdProperty { get; private set; }

    internal int SchemaVersion { get; private set; } = 1;

    /// <summary>The session's <c>[SessionItems]</c> list, or null when it declares none.</summary>
    internal IPropertySymbol? ItemsProperty { get; private set; }

    /// <summary>The type of the list's items.</summary>
    internal ITypeSymbol? ItemType { get; private set; }

    /// <summary>The list's <c>[JsonPropertyName]</c>, or null when the JSON metadata names it.</summary>
    internal string? ItemsJsonName { get; private set; }

    /// <summary>The store's method that updates totals for appended items, or null.</summary>
    internal string? TotalsMethod { get; private set; }

    /// <summary>The store's method that creates an empty session for an append to a missing one, or null.</summary>
    internal string? CreateMethod { get; private set; }

    /// <summary>
    /// Whether the store gets <c>IFileSessionStoreFactory&lt;TStore&gt;</c> (for DI): the library has it, the store
    /// can be created (not abstract) and does not implement it already.
    /// </summary>
    internal bool ImplementsFactory => _symbols.FileStoreFactory is { } factory && !StoreClass.IsAbstract &&
        !StoreClass.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, factory));

    /// <summary>The migration methods, ordered by the version they migrate from.</summary>
    internal IReadOnlyList<(int FromVersion, IMethodSymbol Method)> Migrations { get; private set; } = new List<(int, IMethodSymbol)>();

    /// <summary>Whether the store also gets <c>ForPostgres</c>: the PostgreSQL backend is referenced (versioned stores migrate there too).</summary>
    internal bool CanTargetPostgres => _symbols.PostgresFactoryFits;

    /// <summary>
    /// Whether the store overrides <c>ValidateSession</c>, so that its <c>Descriptor</c> runs that check for every
    /// backend (on an instance of the store, which touches nothing until used; an abstract store has none).
    /// </summary>
    internal bool ValidatesSessions => !StoreClass.IsAbstract &&
        StoreClass.GetMembers("ValidateSession").Any(m => m is IMethodSymbol { IsOverride: true, Parameters.Length: 1 });

    internal IReadOnlyList<DiagnosticInfo> Problems => _problems;

    /// <summary>Null when the attribute's own arguments are missing or do not bind (the compiler reports that).</summary>
    internal static StoreDefinition? Read(INamedTypeSymbol storeClass, AttributeData attribute, KnownSymbols symbols)
    {
        if (attribute.ConstructorArguments.Length != 2 ||
            attribute.ConstructorArguments[0].Value is not ITypeSymbol { TypeKind: not TypeKind.Error } sessionType ||
            attribute.ConstructorArguments[1].Value is not INamedTypeSymbol { TypeKind: not TypeKind.Error } contextType)
        {
            return null;
        }

        Location classLocation = storeClass.Locations.FirstOrDefault() ?? Location.None;
        Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? classLocation;
        var definition = new StoreDefinition(storeClass, symbols, classLocation, attributeLocation) { ContextType = contextType };
        foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
        {
            if (named.Key == "SchemaVersion" && named.Value.Value is int version)
            {
                definition.SchemaVersion = version;
            }
        }

        definition.CheckClass();
        if (definition.CheckSessionType(sessionType))
        {
            definition.CheckBaseClass();
            definition.CheckSessionId();
        }

        definition.CheckContext();
        if (definition.SessionType is not null)
        {
            definition.CheckItems();
        }

        definition.CheckMigrations();
        return definition;
    }

    private void CheckClass()
    {
        if (StoreClass.IsRecord || StoreClass.IsStatic)
        {
            Report(GeneratorDiagnostics.StoreNotAPlainClass, _classLocation, StoreClass.Name, StoreClass.IsRecord ? "a record" : "static");
        }

        for (INamedTypeSymbol? type = StoreClass; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
            {
                Report(GeneratorDiagnostics.GenericStore, _classLocation, StoreClass.Name);
                break;
            }
        }

        for (INamedTypeSymbol? type = StoreClass; type is not null; type = type.ContainingType)
        {
            if (!IsPartial(type))
            {
                Report(GeneratorDiagnostics.StoreNotPartial, _classLocation, type.Name);
                break;
            }
        }

        for (INamedTypeSymbol? type = StoreClass; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                Report(GeneratorDiagnostics.FileLocalType, _classLocation, type.Name, StoreClass.Name);
                break;
            }
        }

        if (SchemaVersion < 1)
        {
            Report(GeneratorDiagnostics.SchemaVersionTooLow, _classLocation, SchemaVersion);
        }

        foreach (string member in GeneratedMemberConflicts())
        {
            Report(GeneratorDiagnostics.StoreDeclaresGeneratedMember, _classLocation, StoreClass.Name, member);
        }
    }

    /// <summary>No base class, or exactly the one the generator writes.</summary>
    private void CheckBaseClass()
    {
        INamedTypeSymbol? baseType = StoreClass.BaseType;
        bool isExpectedBase = StoreClass.IsRecord || baseType is null || baseType.SpecialType == SpecialType.System_Object ||
            (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, _symbols.FileStore) &&
             SymbolEqualityComparer.Default.Equals(baseType.TypeArguments[0], SessionType));
        if (!isExpectedBase)
        {
            Report(GeneratorDiagnostics.StoreHasOtherBaseClass, _classLocation, StoreClass.Name, baseType!.ToDisplayString(), SessionType!.ToDisplayString());
        }
    }

    /// <summary>The members the store declares itself that the generated part would declare again.</summary>
    private IEnumerable<string> GeneratedMemberConflicts()
    {
        if (StoreClass.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax { ParameterList: not null }))
        {
            yield return "a primary constructor";
        }

        foreach (ISymbol member in StoreClass.GetMembers())
        {
            if (member.IsImplicitlyDeclared)
            {
                continue;
            }

            if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor && IsGeneratedConstructorSignature(constructor))
            {
                yield return "the constructor " + constructor.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            }
            else if (member.Name is "Schema" or "Descriptor" || (member.Name == "ForPostgres" && CanTargetPostgres))
            {
                yield return "a member named '" + member.Name + "'";
            }
        }
    }

    private bool IsGeneratedConstructorSignature(IMethodSymbol constructor)
    {
        var parameters = constructor.Parameters;
        return parameters.Length switch
        {
            0 => true,
            1 => parameters[0].Type.SpecialType == SpecialType.System_String,
            2 => parameters[0].Type.SpecialType == SpecialType.System_String &&
                 SymbolEqualityComparer.Default.Equals(parameters[1].Type, _symbols.FileStoreOptions),
            _ => false,
        };
    }

    /// <summary>Whether the session type can be one at all; the id checks only make sense when it can.</summary>
    private bool CheckSessionType(ITypeSymbol type)
    {
        string name = type.ToDisplayString();
        string? reason = type switch
        {
            INamedTypeSymbol { IsUnboundGenericType: true } => "it is an open generic type; name its type arguments",
            INamedTypeSymbol { IsValueType: true } => "it is a value type (a struct, record struct or enum); a store keeps classes or records",
            INamedTypeSymbol { IsStatic: true } => "it is a static class",
            INamedTypeSymbol { IsReferenceType: true } => null,
            _ => "it is not a class or record",
        };
        if (reason is not null)
        {
            Report(GeneratorDiagnostics.SessionTypeNotAClass, _attributeLocation, name, reason);
            return false;
        }

        var sessionType = (INamedTypeSymbol)type;
        if (FirstFileLocal(sessionType) is { } fileLocal)
        {
            Report(GeneratorDiagnostics.FileLocalType, _attributeLocation, fileLocal.Name, StoreClass.Name);
            return false;
        }

        Accessibility store = Accessibilities.Effective(StoreClass);
        Accessibility session = Accessibilities.Effective(sessionType);
        if (Accessibilities.IsLessAccessible(session, store))
        {
            Report(GeneratorDiagnostics.StoreMoreAccessibleThanSession, _attributeLocation,
                StoreClass.Name, Accessibilities.Describe(store), name, Accessibilities.Describe(session));
            return false;
        }

        SessionType = sessionType;
        return true;
    }

    /// <summary>
    /// The session type's properties marked with <paramref name="attribute"/>, its own and inherited ones, each
    /// by its most derived declaration (an override is marked by the attribute on the property it overrides).
    /// </summary>
    private List<(IPropertySymbol Property, AttributeData Attribute)> Marked(INamedTypeSymbol? attribute)
    {
        var marked = new List<(IPropertySymbol, AttributeData)>();
        var seen = new HashSet<string>();
        for (INamedTypeSymbol? type = SessionType; type is not null; type = type.BaseType)
        {
            foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
            {
                if (seen.Add(property.Name) && KnownSymbols.FindInherited(property, attribute) is { } data)
                {
                    marked.Add((property, data));
                }
            }
        }

        return marked;
    }

    private void CheckSessionId()
    {
        List<IPropertySymbol> marked = Marked(_symbols.SessionIdAttribute).ConvertAll(m => m.Property);
        string sessionName = SessionType!.ToDisplayString();
        if (marked.Count == 0)
        {
            Report(GeneratorDiagnostics.NoSessionId, _attributeLocation, sessionName);
            return;
        }

        if (marked.Count > 1)
        {
            Report(GeneratorDiagnostics.SeveralSessionIds, _attributeLocation, sessionName, string.Join(", ", marked.Select(p => p.Name)));
            return;
        }

        IPropertySymbol id = marked[0];
        bool readable = id.Type.SpecialType == SpecialType.System_String && !id.IsStatic && !id.IsIndexer &&
            id.ExplicitInterfaceImplementations.IsEmpty && id.GetMethod is { } getter &&
            (getter.DeclaredAccessibility == Accessibility.Public ||
             (getter.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal &&
              SymbolEqualityComparer.Default.Equals(getter.ContainingAssembly, StoreClass.ContainingAssembly)));
        if (!readable)
        {
            Report(GeneratorDiagnostics.SessionIdNotReadableString, id.Locations.FirstOrDefault(l => l.IsInSource) ?? _attributeLocation, sessionName, id.Name);
            return;
        }

        IdProperty = id;
    }

    private void CheckContext()
    {
        if (_symbols.JsonSerializerContext is null || !KnownSymbols.IsOrDerivesFrom(ContextType!.BaseType, _symbols.JsonSerializerContext))
        {
            Report(GeneratorDiagnostics.NotAJsonContext, _attributeLocation, ContextType!.ToDisplayString());
            return;
        }

        if (FirstFileLocal(ContextType) is { } fileLocal)
        {
            Report(GeneratorDiagnostics.FileLocalType, _attributeLocation, fileLocal.Name, StoreClass.Name);
            return;
        }

        if (SessionType is null)
        {
            return;
        }

        bool registered = ContextType.GetAttributes().Any(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, _symbols.JsonSerializableAttribute) &&
            a.ConstructorArguments.Length > 0 &&
            SymbolEqualityComparer.Default.Equals(a.ConstructorArguments[0].Value as ITypeSymbol, SessionType));
        if (!registered)
        {
            Report(GeneratorDiagnostics.SessionNotRegistered, _attributeLocation, ContextType.ToDisplayString(), SessionType.ToDisplayString());
        }
    }

    /// <summary>At most one <c>[SessionItems]</c> list, readable, of items the context serializes, with a totals method that fits.</summary>
    private void CheckItems()
    {
        List<(IPropertySymbol Property, AttributeData Attribute)> marked = Marked(_symbols.SessionItemsAttribute);
        string sessionName = SessionType!.ToDisplayString();
        if (marked.Count == 0)
        {
            return;
        }

        if (marked.Count > 1)
        {
            Report(GeneratorDiagnostics.SeveralSessionItems, _attributeLocation, sessionName, string.Join(", ", marked.Select(m => m.Property.Name)));
            return;
        }

        (IPropertySymbol items, AttributeData attribute) = marked[0];
        Location itemsLocation = items.Locations.FirstOrDefault(l => l.IsInSource) ?? _attributeLocation;
        ITypeSymbol? itemType = ListItemType(items.Type);
        bool readable = itemType is not null && !items.IsStatic && !items.IsIndexer && items.ExplicitInterfaceImplementations.IsEmpty &&
            items.GetMethod is { } getter &&
            (getter.DeclaredAccessibility == Accessibility.Public ||
             (getter.DeclaredAccessibility is Accessibility.Internal or Accessibility.ProtectedOrInternal &&
              SymbolEqualityComparer.Default.Equals(getter.ContainingAssembly, StoreClass.ContainingAssembly)));
        if (!readable)
        {
            Report(GeneratorDiagnostics.SessionItemsNotAList, itemsLocation, sessionName, items.Name);
            return;
        }

        bool registered = ContextType!.GetAttributes().Any(a =>
            SymbolEqualityComparer.Default.Equals(a.AttributeClass, _symbols.JsonSerializableAttribute) &&
            a.ConstructorArguments.Length > 0 &&
            SymbolEqualityComparer.Default.Equals(a.ConstructorArguments[0].Value as ITypeSymbol, itemType));
        if (!registered)
        {
            Report(GeneratorDiagnostics.ItemTypeNotRegistered, itemsLocation, ContextType.ToDisplayString(), itemType!.ToDisplayString());
            return;
        }

        string? totals = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Totals").Value.Value as string;
        if (totals is not null && !StoreClass.GetMembers(totals).OfType<IMethodSymbol>().Any(IsTotalsMethod))
        {
            Report(GeneratorDiagnostics.TotalsSignature, itemsLocation, totals, sessionName, itemType!.ToDisplayString());
            return;
        }

        string? create = attribute.NamedArguments.FirstOrDefault(n => n.Key == "Create").Value.Value as string;
        if (create is not null && !StoreClass.GetMembers(create).OfType<IMethodSymbol>().Any(IsCreateMethod))
        {
            Report(GeneratorDiagnostics.CreateSignature, itemsLocation, create, sessionName);
            return;
        }

        ItemsProperty = items;
        ItemType = itemType;
        TotalsMethod = totals;
        CreateMethod = create;
        ItemsJsonName = items.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, _symbols.JsonPropertyNameAttribute))?
            .ConstructorArguments.FirstOrDefault().Value as string;

        bool IsTotalsMethod(IMethodSymbol method) =>
            method.IsStatic && !method.IsGenericMethod && method.Parameters.Length == 2 &&
            method.Parameters.All(p => p.RefKind == RefKind.None) &&
            SymbolEqualityComparer.Default.Equals(method.ReturnType, SessionType) &&
            SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, SessionType) &&
            method.Parameters[1].Type is INamedTypeSymbol list &&
            SymbolEqualityComparer.Default.Equals(list.OriginalDefinition, _symbols.ReadOnlyList) &&
            SymbolEqualityComparer.Default.Equals(list.TypeArguments[0], itemType);

        bool IsCreateMethod(IMethodSymbol method) =>
            method.IsStatic && !method.IsGenericMethod && method.Parameters.Length == 1 &&
            method.Parameters[0].RefKind == RefKind.None && method.Parameters[0].Type.SpecialType == SpecialType.System_String &&
            SymbolEqualityComparer.Default.Equals(method.ReturnType, SessionType);
    }

    /// <summary>The item type of an array or of a type that is an <c>IReadOnlyList&lt;T&gt;</c>; null for anything else.</summary>
    private ITypeSymbol? ListItemType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return array.ElementType;
        }

        if (type is not INamedTypeSymbol named || _symbols.ReadOnlyList is null)
        {
            return null;
        }

        INamedTypeSymbol? list = SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, _symbols.ReadOnlyList)
            ? named
            : named.AllInterfaces.FirstOrDefault(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, _symbols.ReadOnlyList));
        return list?.TypeArguments[0];
    }

    private void CheckMigrations()
    {
        var steps = new List<(int FromVersion, IMethodSymbol Method)>();
        bool badSignature = false;
        foreach (IMethodSymbol method in StoreClass.GetMembers().OfType<IMethodSymbol>())
        {
            AttributeData? migration = method.GetAttributes().FirstOrDefault(a =>
                SymbolEqualityComparer.Default.Equals(a.AttributeClass, _symbols.SessionMigrationAttribute));
            if (migration?.ConstructorArguments.FirstOrDefault().Value is not int from)
            {
                continue;
            }

            Location location = method.Locations.FirstOrDefault() ?? _attributeLocation;
            bool signatureOk = method.IsStatic && method.ReturnsVoid && !method.IsGenericMethod && method.Parameters.Length == 1 &&
                method.Parameters[0].RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _symbols.JsonObject);
            if (!signatureOk)
            {
                badSignature = true;
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

        for (int version = 1; version < SchemaVersion && !badSignature; version++)
        {
            if (!steps.Any(s => s.FromVersion == version))
            {
                Report(GeneratorDiagnostics.MigrationGap, _attributeLocation, version, SchemaVersion);
            }
        }

        Migrations = steps.OrderBy(s => s.FromVersion).ToList();
    }

    private void Report(DiagnosticDescriptor descriptor, Location location, params object[] args) =>
        _problems.Add(DiagnosticInfo.Create(descriptor, location, args));

    private static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The first file-local type among <paramref name="type"/>, its containing types and its type arguments.</summary>
    private static INamedTypeSymbol? FirstFileLocal(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return current;
            }

            foreach (ITypeSymbol argument in current.TypeArguments)
            {
                if (argument is INamedTypeSymbol named && FirstFileLocal(named) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}

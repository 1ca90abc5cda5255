using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using SessionStore.Analyzers.Definitions;
using SessionStore.Generators.Model;

namespace SessionStore.Generators.Parsing;

/// <summary>Turns a <c>[SessionStore]</c> class into a <see cref="StoreSpec"/>, or nothing when the shared checks find a problem (the analyzer reports it).</summary>
internal static class StoreParser
{
    internal static StoreSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol storeClass || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        StoreDefinition? definition = StoreDefinition.Read(storeClass, context.Attributes[0], context.SemanticModel.Compilation);
        if (definition is null || definition.Problems.Count > 0 || definition.IdProperty is null)
        {
            return null;
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? type = storeClass.ContainingType; type is not null; type = type.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Keyword(type), type.Name));
        }

        string? ns = storeClass.ContainingNamespace.IsGlobalNamespace ? null : storeClass.ContainingNamespace.ToDisplayString();
        return new StoreSpec(
            HintName: storeClass.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty) + ".SessionStore.g.cs",
            Namespace: ns,
            ContainingTypes: new EquatableArray<ContainingTypeSpec>(containing),
            ClassName: storeClass.Name,
            SessionType: definition.SessionType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            ContextType: definition.ContextType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            IdProperty: definition.IdProperty.Name,
            SchemaVersion: definition.SchemaVersion,
            Migrations: new EquatableArray<string>(definition.Migrations.Select(m => m.Method.Name)));
    }

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}

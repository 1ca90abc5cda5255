using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionStore.Analyzers;
using SessionStore.Generators.Model;

namespace SessionStore.Generators.Parsing;

/// <summary>Turns a <c>[SessionStore]</c> class into a <see cref="StoreModel"/>: a spec to emit, or the diagnostics that say why not.</summary>
internal static class StoreParser
{
    private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers | SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    private static readonly SymbolDisplayFormat HintFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted)
        .WithMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.None);

    internal static StoreModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol storeClass || context.Attributes.Length == 0)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        KnownSymbols symbols = KnownSymbols.For(context.SemanticModel.Compilation);
        StoreDefinition? definition = StoreDefinition.Read(storeClass, context.Attributes[0], symbols);
        if (definition is null)
        {
            return null;
        }

        if (definition.Problems.Count > 0 || definition.IdProperty is null)
        {
            return new StoreModel(null, new EquatableArray<DiagnosticInfo>(definition.Problems));
        }

        var containing = new List<ContainingTypeSpec>();
        for (INamedTypeSymbol? type = storeClass.ContainingType; type is not null; type = type.ContainingType)
        {
            containing.Insert(0, new ContainingTypeSpec(Keyword(type), Escape(type.Name)));
        }

        var spec = new StoreSpec(
            HintName: storeClass.ToDisplayString(HintFormat) + ".SessionStore.g.cs",
            Namespace: storeClass.ContainingNamespace.IsGlobalNamespace ? null : storeClass.ContainingNamespace.ToDisplayString(Qualified).Substring("global::".Length),
            ContainingTypes: new EquatableArray<ContainingTypeSpec>(containing),
            ClassName: Escape(storeClass.Name),
            SessionType: definition.SessionType!.ToDisplayString(Qualified),
            SessionCref: Cref(definition.SessionType!),
            ContextType: definition.ContextType!.ToDisplayString(Qualified),
            IdProperty: Escape(definition.IdProperty.Name),
            IdIsNullable: definition.IdProperty.NullableAnnotation == NullableAnnotation.Annotated,
            SchemaVersion: definition.SchemaVersion,
            Migrations: new EquatableArray<string>(definition.Migrations.Select(m => Escape(m.Method.Name))),
            ValidatesSessions: definition.ValidatesSessions,
            ItemsProperty: definition.ItemsProperty is null ? null : Escape(definition.ItemsProperty.Name),
            ItemType: definition.ItemType?.ToDisplayString(Qualified),
            ItemsJsonName: definition.ItemsJsonName,
            TotalsMethod: definition.TotalsMethod is null ? null : Escape(definition.TotalsMethod),
            CreateMethod: definition.CreateMethod is null ? null : Escape(definition.CreateMethod),
            ImplementsFactory: definition.ImplementsFactory,
            CanTargetPostgres: definition.CanTargetPostgres,
            LanguageVersion: (int)((CSharpParseOptions)context.TargetNode.SyntaxTree.Options).LanguageVersion);
        return new StoreModel(spec, new EquatableArray<DiagnosticInfo>([]));
    }

    /// <summary>A cref to the type, or to its generic definition (<c>Envelope{T}</c>): a cref cannot name type arguments.</summary>
    private static string Cref(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString(Qualified).Replace('<', '{').Replace('>', '}');

    private static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    private static string Keyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };
}

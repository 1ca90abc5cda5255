using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionStore.Analyzers.Definitions;

namespace SessionStore.Analyzers.Rules;

/// <summary>SSG0001-SSG0013: what is wrong with a <c>[SessionStore]</c> class, reported where the user can suppress or configure it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StoreDefinitionAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        GeneratorDiagnostics.NotPartial,
        GeneratorDiagnostics.HasOtherBaseClass,
        GeneratorDiagnostics.NoSessionId,
        GeneratorDiagnostics.SeveralSessionIds,
        GeneratorDiagnostics.SessionIdNotReadableString,
        GeneratorDiagnostics.NotAJsonContext,
        GeneratorDiagnostics.SessionNotRegistered,
        GeneratorDiagnostics.MigrationGap,
        GeneratorDiagnostics.DuplicateMigration,
        GeneratorDiagnostics.MigrationOutOfRange,
        GeneratorDiagnostics.MigrationSignature,
        GeneratorDiagnostics.SchemaVersionTooLow,
        GeneratorDiagnostics.GenericStore);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(StoreDefinition.AttributeMetadataName);
            if (attributeType is not null)
            {
                start.RegisterSymbolAction(c => AnalyzeType(c, attributeType), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType) &&
                StoreDefinition.Read(type, attribute, context.Compilation) is { } definition)
            {
                foreach (Diagnostic problem in definition.Problems)
                {
                    context.ReportDiagnostic(problem);
                }
            }
        }
    }
}

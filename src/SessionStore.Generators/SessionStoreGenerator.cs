using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SessionStore.Analyzers;
using SessionStore.Generators.Emitting;
using SessionStore.Generators.Model;
using SessionStore.Generators.Parsing;

namespace SessionStore.Generators;

/// <summary>
/// Completes every <c>[SessionStore]</c> partial class into a typed <c>FileSessionStore&lt;T&gt;</c>.
/// Parsing builds an equatable <see cref="StoreModel"/>; emitting writes code from its spec alone. A
/// definition the generator cannot serve gets its SSG diagnostics, reported here rather than by an
/// analyzer so that a compile error elsewhere (which stops analyzers) does not hide them, and no code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SessionStoreGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for the incremental tests.</summary>
    public static class Steps
    {
        /// <summary>The parsed store: a spec, or diagnostics.</summary>
        public const string Parsed = nameof(Parsed);

        /// <summary>The stores that will be emitted.</summary>
        public const string Valid = nameof(Valid);

        /// <summary>The diagnostics of the stores that will not.</summary>
        public const string Problems = nameof(Problems);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<StoreModel> models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.SessionStoreAttributeName,
                predicate: static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                transform: StoreParser.Parse)
            .Where(static model => model is not null)
            .Select(static (model, _) => model!)
            .WithTrackingName(Steps.Parsed);

        IncrementalValuesProvider<StoreSpec> stores = models
            .Where(static model => model.Spec is not null)
            .Select(static (model, _) => model.Spec!)
            .WithTrackingName(Steps.Valid);
        context.RegisterSourceOutput(stores, static (output, spec) => output.AddSource(spec.HintName, StoreEmitter.Emit(spec)));

        // Only definitions with problems meet the compilation: it places each diagnostic on its tree.
        IncrementalValuesProvider<(EquatableArray<DiagnosticInfo> Left, Compilation Right)> problems = models
            .Where(static model => model.Diagnostics.Count > 0)
            .Select(static (model, _) => model.Diagnostics)
            .WithTrackingName(Steps.Problems)
            .Combine(context.CompilationProvider);
        context.RegisterSourceOutput(problems, static (output, pair) =>
        {
            foreach (DiagnosticInfo problem in pair.Left)
            {
                output.ReportDiagnostic(problem.ToDiagnostic(pair.Right));
            }
        });
    }
}

using Microsoft.CodeAnalysis;
using SessionStore.Analyzers.Definitions;
using SessionStore.Generators.Emitting;
using SessionStore.Generators.Model;
using SessionStore.Generators.Parsing;

namespace SessionStore.Generators;

/// <summary>
/// Completes every <c>[SessionStore]</c> partial class into a typed <c>FileSessionStore&lt;T&gt;</c>.
/// Parsing builds an equatable <see cref="StoreSpec"/>; emitting writes code from it alone.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SessionStoreGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's steps, for the incremental tests.</summary>
    public static class Steps
    {
        /// <summary>The parsed store, or null when the definition has a problem.</summary>
        public const string Parsed = nameof(Parsed);

        /// <summary>The stores that will be emitted.</summary>
        public const string Valid = nameof(Valid);

        /// <summary>Whether the compilation references the PostgreSQL backend.</summary>
        public const string PostgresReferenced = nameof(PostgresReferenced);

        /// <summary>The stores with their backends decided.</summary>
        public const string WithBackends = nameof(WithBackends);
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<StoreSpec> stores = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                StoreDefinition.AttributeMetadataName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax,
                transform: StoreParser.Parse)
            .WithTrackingName(Steps.Parsed)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(Steps.Valid);

        IncrementalValueProvider<bool> postgres = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName("SessionStore.Postgres.PostgresSessionStore`1") is not null)
            .WithTrackingName(Steps.PostgresReferenced);

        stores = stores
            .Combine(postgres)
            .Select(static (pair, _) => pair.Left with { CanTargetPostgres = pair.Right && pair.Left.SchemaVersion == 1 })
            .WithTrackingName(Steps.WithBackends);

        context.RegisterSourceOutput(stores, static (output, spec) => output.AddSource(spec.HintName, StoreEmitter.Emit(spec)));
    }
}

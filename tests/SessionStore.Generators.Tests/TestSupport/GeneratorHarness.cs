using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SessionStore.Generators.Tests.TestSupport;

/// <summary>Runs the real generator over sources in a compilation against .NET 10 and the real SessionStore.dll.</summary>
internal static class GeneratorHarness
{
    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    internal static CSharpCompilation Compile(params string[] sources) => Compile(withPostgres: false, sources);

    internal static CSharpCompilation Compile(bool withPostgres, params string[] sources) =>
        Compile(ParseOptions, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable), withPostgres, sources);

    internal static CSharpCompilation Compile(CSharpParseOptions parseOptions, CSharpCompilationOptions options, bool withPostgres, IEnumerable<string> sources) =>
        CSharpCompilation.Create(
            "GeneratorTests",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, parseOptions, path: $"Source{i}.cs")),
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(FileSessionStore).Assembly.Location),
                .. withPostgres
                    ? new[] { MetadataReference.CreateFromFile(typeof(SessionStore.Postgres.PostgresSessionStore<>).Assembly.Location), MetadataReference.CreateFromFile(typeof(Npgsql.NpgsqlDataSource).Assembly.Location) }
                    : [],
            ],
            options);

    internal static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null, params ISourceGenerator[] others) =>
        CSharpGeneratorDriver.Create(
            [new SessionStoreGenerator().AsSourceGenerator(), .. others],
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The generated files by hint name, after checking that the generator itself reported nothing.</summary>
    internal static ImmutableDictionary<string, string> Generate(params string[] sources) => Generate(withPostgres: false, sources);

    internal static ImmutableDictionary<string, string> Generate(bool withPostgres, params string[] sources)
    {
        GeneratorDriverRunResult result = CreateDriver().RunGenerators(Compile(withPostgres, sources)).GetRunResult();
        Assert.Empty(result.Diagnostics);
        return result.GeneratedTrees.ToImmutableDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString());
    }

    /// <summary>
    /// Runs the generators and compiles the result: what the generators reported, and what the compiler
    /// reports for the whole compilation with the generated files in it.
    /// </summary>
    internal static (ImmutableArray<Diagnostic> Generator, ImmutableArray<Diagnostic> Compiler, Compilation Output) RunAndCompile(
        CSharpCompilation compilation, params ISourceGenerator[] others)
    {
        CreateDriver((CSharpParseOptions)compilation.SyntaxTrees.First().Options, others)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generator);
        return (generator, output.GetDiagnostics(), output);
    }

    /// <summary>The common session and context declarations of the tests.</summary>
    internal const string Sessions = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using SessionStore;

        namespace App
        {
            public sealed record ChatTurn(string Role, string Text);

            public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<ChatTurn> Turns, DateTimeOffset UpdatedAt);

            public sealed record TurnSession([property: SessionId] string Id, [property: SessionItems(Totals = "AddTokens")] IReadOnlyList<ChatTurn> Turns, long Tokens);

            [JsonSerializable(typeof(ChatSession))]
            [JsonSerializable(typeof(TurnSession))]
            [JsonSerializable(typeof(ChatTurn))]
            internal partial class AppJsonContext : JsonSerializerContext;
        }
        """;
}

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
        CSharpCompilation.Create(
            "GeneratorTests",
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
            [
                .. Basic.Reference.Assemblies.Net100.References.All,
                MetadataReference.CreateFromFile(typeof(FileSessionStore).Assembly.Location),
                .. withPostgres
                    ? new[] { MetadataReference.CreateFromFile(typeof(SessionStore.Postgres.PostgresSessionStore<>).Assembly.Location), MetadataReference.CreateFromFile(typeof(Npgsql.NpgsqlDataSource).Assembly.Location) }
                    : [],
            ],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    internal static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new SessionStoreGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The generated files by hint name, after checking that the generator itself reported nothing.</summary>
    internal static ImmutableDictionary<string, string> Generate(params string[] sources) => Generate(withPostgres: false, sources);

    internal static ImmutableDictionary<string, string> Generate(bool withPostgres, params string[] sources)
    {
        GeneratorDriverRunResult result = CreateDriver().RunGenerators(Compile(withPostgres, sources)).GetRunResult();
        Assert.Empty(result.Diagnostics);
        return result.GeneratedTrees.ToImmutableDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString());
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

            [JsonSerializable(typeof(ChatSession))]
            internal partial class AppJsonContext : JsonSerializerContext;
        }
        """;
}

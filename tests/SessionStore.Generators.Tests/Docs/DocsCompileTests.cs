using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionStore.Analyzers.Rules;
using SessionStore.Generators.Tests.TestSupport;

namespace SessionStore.Generators.Tests.Docs;

/// <summary>
/// Every C# block of README.md and docs/ compiles, with the generator, the JSON source generator and the
/// analyzers, against the real SessionStore assemblies: a reader who copies one gets code that builds.
/// The declarations a block leaves out come from Docs/Preludes: Common.cs for every block, and each file
/// whose name starts the page's path with '.' for '/' (<c>docs.analyzers.SSG.cs</c> for every
/// <c>docs/analyzers/SSG*.md</c>, <c>docs.analyzers.SS0002.cs</c> for that page, <c>README.cs</c>).
/// Markers before a fence change how a block is compiled (<see cref="DocsBlocks"/>).
/// </summary>
public sealed class DocsCompileTests
{
    /// <summary>The blocks that may stay uncompiled: few, each marked <c>fragment</c> on purpose.</summary>
    private const int MaxFragments = 4;

    /// <summary>The diagnostics of APIs marked [Experimental] that a reader opts into (the agent stack's): the blocks show those APIs as they are.</summary>
    private static readonly string[] Experimental = ["MAAI001", "MEAI001"];

    private static readonly string PreludeDirectory = Path.Combine(Repository.Root, "tests", "SessionStore.Generators.Tests", "Docs", "Preludes");

    private static readonly ImmutableArray<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        .. Directory.GetFiles(AppContext.BaseDirectory, "*.dll").Where(IsDocsReference).Order(StringComparer.Ordinal).Select(f => MetadataReference.CreateFromFile(f)),
    ];

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        [new DeleteResultIgnoredAnalyzer(), new CatchSwallowsDeleteFailureAnalyzer(), new InvalidSessionIdConstantAnalyzer()];

    public static TheoryData<string> Blocks()
    {
        var data = new TheoryData<string>();
        foreach (DocsBlock block in DocsBlocks.All.Where(b => !b.IsFragment && !b.Continues))
        {
            data.Add(block.ToString());
        }

        return data;
    }

    [Fact]
    public void TheBlocksAreFound_AndFewAreFragments()
    {
        Assert.Contains(DocsBlocks.All, b => b.File == "README.md");
        Assert.Contains(DocsBlocks.All, b => b.File.StartsWith("docs/analyzers/", StringComparison.Ordinal));
        Assert.True(
            DocsBlocks.All.Count(b => b.IsFragment) <= MaxFragments,
            "Too many blocks marked fragment: " + string.Join(", ", DocsBlocks.All.Where(b => b.IsFragment)));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task TheBlock_Compiles(string at)
    {
        int index = DocsBlocks.All.ToList().FindIndex(b => b.ToString() == at);
        DocsBlock block = DocsBlocks.All[index];
        List<DocsBlock> chain = [block, .. DocsBlocks.All.Skip(index + 1).TakeWhile(b => b.Continues && b.File == block.File)];

        IEnumerable<string[]> programs = block.LineByLine
            ? block.Code.Split('\n').Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).Select(l => new[] { l })
            : [chain.Select(b => b.Code).ToArray()];
        string[] failures = await Task.WhenAll(programs.Select(sources => Task.Run(() => Check(block, sources))));

        Assert.True(failures.All(f => f.Length == 0), $"{at}:\n" + string.Join("\n", failures.Where(f => f.Length > 0)));
    }

    /// <summary>What is wrong with one program made of <paramref name="sources"/>, or an empty string.</summary>
    private static async Task<string> Check(DocsBlock block, string[] sources)
    {
        CSharpParseOptions parse = GeneratorHarness.ParseOptions;
        SyntaxTree[] blockTrees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"Block{i}.cs")).ToArray();
        string page = block.File.Replace('/', '.')[..^".md".Length];
        IEnumerable<SyntaxTree> preludes = Directory.GetFiles(PreludeDirectory, "*.cs")
            .Where(path => Path.GetFileNameWithoutExtension(path) is var name && (name == "Common" || page.StartsWith(name, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parse, path: Path.GetFileName(path)));
        bool program = blockTrees.Any(t => t.GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any());
        var compilation = CSharpCompilation.Create(
            "Docs",
            [.. preludes, .. blockTrees],
            References,
            new CSharpCompilationOptions(program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(Experimental.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Suppress))));

        GeneratorHarness.CreateDriver(parse, JsonSourceGenerator.Instance)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generator);
        ImmutableArray<Diagnostic> all = generator.AddRange(await output.WithAnalyzers(Analyzers).GetAllDiagnosticsAsync());

        string[] errors = all.Where(d => (d.Severity == DiagnosticSeverity.Error || d.Id == "CS8785") && !d.Id.StartsWith("SS", StringComparison.Ordinal)).Select(d => d.ToString()).ToArray();
        string[] reported = all.Where(d => d.Id.StartsWith("SS", StringComparison.Ordinal) && blockTrees.Contains(d.Location.SourceTree))
            .Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).ToArray();
        string[] expected = block.Expected.Order(StringComparer.Ordinal).ToArray();
        if (errors.Length == 0 && reported.SequenceEqual(expected))
        {
            return string.Empty;
        }

        return $"  {string.Join(" + ", sources.Select(s => s.Length > 100 ? s[..100] + "..." : s))}\n" +
            (errors.Length > 0 ? "    errors: " + string.Join("\n            ", errors.Take(5)) + "\n" : string.Empty) +
            (reported.SequenceEqual(expected) ? string.Empty : $"    reported [{string.Join(", ", reported)}], expected [{string.Join(", ", expected)}]\n");
    }

    private static bool IsDocsReference(string path)
    {
        string name = Path.GetFileName(path);
        return (name.StartsWith("SessionStore.", StringComparison.Ordinal) && !name.StartsWith("SessionStore.Analyzers", StringComparison.Ordinal) && !name.StartsWith("SessionStore.Generators", StringComparison.Ordinal)) ||
            name == "SessionStore.dll" ||
            new[] { "Npgsql", "Microsoft.Extensions.", "Microsoft.Agents.", "OpenTelemetry", "xunit." }.Any(p => name.StartsWith(p, StringComparison.Ordinal));
    }
}

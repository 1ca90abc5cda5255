using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionStore.Generators;

namespace SessionStore.Analyzers.Tests.Rules;

/// <summary>
/// Every diagnostic descriptor of the analyzer and generator assemblies has its page
/// <c>docs/analyzers/&lt;id&gt;.md</c> titled with its id and title, a help link to that page, and its row
/// in the release tracking file of its own assembly with its category and severity; every id constant has
/// a descriptor, and every id a fix or analyzer names is one of them.
/// </summary>
public sealed class RuleCatalogTests
{
    private static readonly Assembly Analyzers = typeof(RuleIdentifiers).Assembly;

    /// <summary>The assemblies that report diagnostics: the rules and the generator (SessionStore.Generators).</summary>
    private static readonly Assembly[] Reporters = [Analyzers, typeof(SessionStoreGenerator).Assembly];

    private static readonly string Root = FindRoot();

    public static TheoryData<string> DescriptorIds() => [.. Descriptors().Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void TheDescriptor_HasItsPage_ItsHelpLink_AndItsReleaseRow(string id)
    {
        Assembly reporter = Reporters.Single(a => Descriptors(a).Any(d => d.Id == id));
        DiagnosticDescriptor descriptor = Descriptors(reporter).Single(d => d.Id == id);

        string page = Path.Combine(Root, "docs", "analyzers", id + ".md");
        Assert.True(File.Exists(page), $"{id} has no page {page}");
        Assert.Equal($"# {id}: {descriptor.Title}", File.ReadLines(page).First());
        Assert.Equal(RuleIdentifiers.DocsBase + id + ".md", descriptor.HelpLinkUri);

        string[] row = ReleaseRows(reporter).SingleOrDefault(r => r[0] == id) ??
            throw new Xunit.Sdk.XunitException($"{id} has no row in the AnalyzerReleases.Unshipped.md of {reporter.GetName().Name}");
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
        Assert.Contains($"[Documentation](../../docs/analyzers/{id}.md)", row[3], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryIdConstant_HasADescriptor_AndEveryPageAndRowHasOne()
    {
        string[] constants = [.. typeof(RuleIdentifiers).GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => f.IsLiteral && f.Name != nameof(RuleIdentifiers.DocsBase)).Select(f => (string)f.GetRawConstantValue()!)];
        string[] descriptors = [.. Descriptors().Select(d => d.Id)];
        string[] pages = [.. Directory.GetFiles(Path.Combine(Root, "docs", "analyzers"), "*.md").Select(Path.GetFileNameWithoutExtension)!];

        Assert.Equal(constants.Order(), descriptors.Order());
        Assert.Equal(descriptors.Order(), pages.Order());
        Assert.Equal(descriptors.Order(), Reporters.SelectMany(ReleaseRows).Select(r => r[0]).Order());
    }

    [Fact]
    public void EveryAnalyzerAndFix_UsesKnownIds()
    {
        string[] known = [.. Descriptors().Select(d => d.Id)];
        IEnumerable<Type> types = Analyzers.GetTypes().Concat(typeof(CodeFixes.DeleteResultIgnoredCodeFixProvider).Assembly.GetTypes())
            .Where(t => !t.IsAbstract);
        foreach (Type type in types)
        {
            if (typeof(DiagnosticAnalyzer).IsAssignableFrom(type))
            {
                Assert.All(((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics, d => Assert.Contains(d.Id, known));
            }
            else if (typeof(CodeFixProvider).IsAssignableFrom(type))
            {
                Assert.All(((CodeFixProvider)Activator.CreateInstance(type)!).FixableDiagnosticIds, id => Assert.Contains(id, known));
            }
        }
    }

    /// <summary>Every static <see cref="DiagnosticDescriptor"/> field of both assemblies, so a new one cannot be missed.</summary>
    private static IEnumerable<DiagnosticDescriptor> Descriptors() => Reporters.SelectMany(Descriptors).DistinctBy(d => d.Id);

    private static IEnumerable<DiagnosticDescriptor> Descriptors(Assembly assembly) => assembly.GetTypes()
        .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .DistinctBy(d => d.Id);

    /// <summary>The rows of the unshipped release's rule table of <paramref name="assembly"/>'s project (src/&lt;name&gt;): id, category, severity, notes.</summary>
    private static IEnumerable<string[]> ReleaseRows(Assembly assembly) => File.ReadLines(Path.Combine(Root, "src", assembly.GetName().Name!, "AnalyzerReleases.Unshipped.md"))
        .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
        .Where(cells => cells.Length == 4 && cells[0].StartsWith("SS", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionStore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (SessionStore.sln) is not above " + AppContext.BaseDirectory);
    }
}

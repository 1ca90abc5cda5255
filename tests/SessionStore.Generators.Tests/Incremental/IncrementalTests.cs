using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionStore.Generators.Model;
using SessionStore.Generators.Tests.TestSupport;

namespace SessionStore.Generators.Tests.Incremental;

/// <summary>The pipeline caches: an unrelated edit re-runs nothing, and no model holds a symbol, syntax node or compilation.</summary>
public sealed class IncrementalTests
{
    private const string Store = """
        using System.Text.Json.Nodes;
        using SessionStore;
        namespace App
        {
            [SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)]
            public partial class ChatStore
            {
                [SessionMigration(1)] static void From1(JsonObject session) { }
            }
        }
        """;

    private static readonly string[] TrackedSteps =
        [SessionStoreGenerator.Steps.Parsed, SessionStoreGenerator.Steps.Valid];

    [Fact]
    public void AnUnrelatedEdit_LeavesEveryTrackedStepCachedOrUnchanged()
    {
        GeneratorDriverRunResult result = RunAfterAnUnrelatedEdit(Store, out _);

        GeneratorRunResult run = Assert.Single(result.Results);
        foreach (string step in TrackedSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), $"step {step} is not tracked");
            foreach (IncrementalGeneratorRunStep ran in run.TrackedSteps[step])
            {
                Assert.All(ran.Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} output was {output.Reason}"));
            }
        }

        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void RunningTwice_OnTheSameCompilation_CachesEveryStepAndOutput()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(GeneratorHarness.Sessions, Store);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult run = Assert.Single(driver.RunGenerators(compilation).GetRunResult().Results);

        Assert.All(run.TrackedSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"a step output was {o.Reason}"));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void AnUnrelatedEdit_LeavesTheProblemsOfAnInvalidStoreCached_AndStillReportsThem()
    {
        string invalid = Store.Replace("public partial class ChatStore", "public class ChatStore", StringComparison.Ordinal);

        GeneratorDriverRunResult result = RunAfterAnUnrelatedEdit(invalid, out CSharpCompilation second);

        GeneratorRunResult run = Assert.Single(result.Results);
        Assert.All(run.TrackedSteps[SessionStoreGenerator.Steps.Problems].SelectMany(s => s.Outputs), o => Assert.True(
            o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"problems step output was {o.Reason}"));
        Diagnostic problem = Assert.Single(result.Diagnostics);
        Assert.Equal("SSG0001", problem.Id);
        Assert.Same(second.SyntaxTrees.ElementAt(1), problem.Location.SourceTree);
        Assert.Empty(result.GeneratedTrees);
    }

    [Fact]
    public void AnEditToTheStore_RunsTheStepsAgain()
    {
        CSharpCompilation first = GeneratorHarness.Compile(GeneratorHarness.Sessions, Store);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        SyntaxTree store = first.SyntaxTrees.Last();
        CSharpCompilation second = first.ReplaceSyntaxTree(
            store, CSharpSyntaxTree.ParseText(Store.Replace("From1", "FromOne", StringComparison.Ordinal), GeneratorHarness.ParseOptions, store.FilePath));

        GeneratorRunResult run = Assert.Single(driver.RunGenerators(second).GetRunResult().Results);
        Assert.Contains(run.TrackedSteps[SessionStoreGenerator.Steps.Valid].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("FromOne, // 1 -> 2", run.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheModels_HoldNoSymbolSyntaxOrCompilation()
    {
        GeneratorRunResult run = RunOnce();
        object[] models = run.TrackedSteps[SessionStoreGenerator.Steps.Parsed].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
        Assert.NotEmpty(models);
        foreach (object model in models)
        {
            AssertHoldsNoCompilerObjects(model, model.GetType().Name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }

        // The same check on the model type itself, so a field added later with such a type fails here.
        AssertTypeHoldsNoCompilerObjects(typeof(StoreModel), new HashSet<Type>());
    }

    /// <summary>Runs the generator over the sessions, <paramref name="store"/> and an unrelated class, edits only that class, and runs it again.</summary>
    private static GeneratorDriverRunResult RunAfterAnUnrelatedEdit(string store, out CSharpCompilation edited)
    {
        CSharpCompilation first = GeneratorHarness.Compile(GeneratorHarness.Sessions, store, "class Unrelated { int X => 1; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        SyntaxTree unrelated = first.SyntaxTrees.Last();
        edited = first.ReplaceSyntaxTree(
            unrelated, CSharpSyntaxTree.ParseText("class Unrelated { int X => 2; int Y => 3; }", GeneratorHarness.ParseOptions, unrelated.FilePath));
        return driver.RunGenerators(edited).GetRunResult();
    }

    private static GeneratorRunResult RunOnce() =>
        Assert.Single(GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(GeneratorHarness.Sessions, Store)).GetRunResult().Results);

    private static readonly Type[] Forbidden = [typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(SemanticModel), typeof(Location), typeof(SyntaxTree)];

    private static void AssertHoldsNoCompilerObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(Forbidden.Any(t => t.IsInstanceOfType(value)), $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertHoldsNoCompilerObjects(item, $"{path}[{i++}]", seen);
            }
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", seen);
        }
    }

    private static void AssertTypeHoldsNoCompilerObjects(Type type, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type == typeof(string) || !seen.Add(type))
        {
            return;
        }

        Assert.False(Forbidden.Any(t => t.IsAssignableFrom(type)), $"{type.Name} is a compiler object");
        foreach (Type argument in type.IsGenericType ? type.GetGenericArguments() : [])
        {
            AssertTypeHoldsNoCompilerObjects(argument, seen);
        }

        if (type.Namespace?.StartsWith("SessionStore", StringComparison.Ordinal) == true)
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                AssertTypeHoldsNoCompilerObjects(field.FieldType, seen);
            }
        }
    }
}

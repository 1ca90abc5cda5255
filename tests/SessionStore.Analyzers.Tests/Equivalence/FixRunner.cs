using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace SessionStore.Analyzers.Tests.Equivalence;

/// <summary>
/// Applies a code fix the way the IDE does (in an <see cref="AdhocWorkspace"/>, with the code action's own
/// simplification and formatting): one diagnostic at a time until none is left, or all at once with Fix All.
/// </summary>
internal static class FixRunner
{
    internal static async Task<string?> ApplyAsync(string source, DiagnosticAnalyzer analyzer, CodeFixProvider provider, string equivalenceKey, bool fixAll)
    {
        using var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Fixed", "Fixed", LanguageNames.CSharp,
            compilationOptions: ProgramRunner.CompilationOptions,
            parseOptions: ProgramRunner.ParseOptions,
            metadataReferences: ProgramRunner.References));
        Document document = workspace.AddDocument(project.Id, "Program.cs", SourceText.From(source));

        if (fixAll)
        {
            ImmutableArray<Diagnostic> all = await DiagnosticsAsync(document, analyzer);
            Assert.NotEmpty(all);
            if (await ActionAsync(document, provider, all[0], equivalenceKey) is null)
            {
                return null;
            }

            var context = new FixAllContext(document, provider, FixAllScope.Document, equivalenceKey, provider.FixableDiagnosticIds, new Diagnostics(all), CancellationToken.None);
            CodeAction fix = (await provider.GetFixAllProvider()!.GetFixAsync(context))!;
            document = await ApplyAsync(document, fix);
        }
        else
        {
            Assert.NotEmpty(await DiagnosticsAsync(document, analyzer));
            for (int round = 0; round < 20; round++)
            {
                ImmutableArray<Diagnostic> remaining = await DiagnosticsAsync(document, analyzer);
                if (remaining.IsEmpty)
                {
                    break;
                }

                if (await ActionAsync(document, provider, remaining[0], equivalenceKey) is not { } fix)
                {
                    return null;
                }

                document = await ApplyAsync(document, fix);
            }
        }

        Assert.Empty(await DiagnosticsAsync(document, analyzer));
        return (await document.GetTextAsync()).ToString();
    }

    private static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Document document, DiagnosticAnalyzer analyzer)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> found = await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
        return [.. found.OrderBy(d => d.Location.SourceSpan.Start)];
    }

    private static async Task<CodeAction?> ActionAsync(Document document, CodeFixProvider provider, Diagnostic diagnostic, string equivalenceKey)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey);
    }

    private static async Task<Document> ApplyAsync(Document document, CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return changed.GetDocument(document.Id)!;
    }

    private sealed class Diagnostics(ImmutableArray<Diagnostic> all) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(all);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>(all);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) => Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}

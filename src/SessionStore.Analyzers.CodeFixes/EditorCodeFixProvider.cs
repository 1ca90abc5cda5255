using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Editing;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>
/// A code fix decided on the original tree (with its semantic model) and applied through a
/// <see cref="SyntaxEditor"/>. One fix and Fix All share the same edits: Fix All applies every
/// diagnostic's edit to one editor, so edits to nested or neighbouring nodes compose instead of clashing.
/// </summary>
public abstract class EditorCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            foreach (FixEdit fix in GetEdits(root, model, diagnostic, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, ct => ApplyAsync(context.Document, [fix.Apply], ct), fix.EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (fixAll, document, diagnostics) =>
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(fixAll.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(fixAll.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        List<Action<SyntaxEditor>> edits = diagnostics
            .SelectMany(d => GetEdits(root, model, d, fixAll.CancellationToken))
            .Where(fix => fix.EquivalenceKey == fixAll.CodeActionEquivalenceKey)
            .Select(fix => fix.Apply)
            .ToList();
        return await ApplyAsync(document, edits, fixAll.CancellationToken).ConfigureAwait(false);
    });

    /// <summary>The fixes this provider offers for <paramref name="diagnostic"/>; none when no fix keeps the program's meaning there.</summary>
    /// <param name="root">The document's syntax root.</param>
    /// <param name="model">Its semantic model.</param>
    /// <param name="diagnostic">The diagnostic to fix.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The fixes, each with its title, equivalence key and edit.</returns>
    private protected abstract IEnumerable<FixEdit> GetEdits(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken);

    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<Action<SyntaxEditor>> edits, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (Action<SyntaxEditor> edit in edits)
        {
            edit(editor);
        }

        return editor.GetChangedDocument();
    }
}

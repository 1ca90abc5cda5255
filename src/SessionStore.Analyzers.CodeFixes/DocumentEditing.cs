using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>The one edit every fix here makes: replace a node of the document's tree.</summary>
internal static class DocumentEditing
{
    internal static async Task<Document> ReplaceAsync(Document document, SyntaxNode replaced, SyntaxNode replacement, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return document.WithSyntaxRoot(root.ReplaceNode(replaced, replacement));
    }
}

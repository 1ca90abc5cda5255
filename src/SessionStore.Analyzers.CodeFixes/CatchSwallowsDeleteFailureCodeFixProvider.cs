using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SessionStore.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>
/// Fixes SS0002 by putting <c>catch (SessionDeleteException) { throw; }</c> before the broad clause, or,
/// when only store deletes can throw in the try block, by catching SessionDeleteException instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CatchSwallowsDeleteFailureCodeFixProvider)), Shared]
public sealed class CatchSwallowsDeleteFailureCodeFixProvider : CodeFixProvider
{
    internal const string CatchFirstTitle = "Catch SessionDeleteException first";
    internal const string CatchInsteadTitle = "Catch SessionDeleteException instead";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS0002");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        CatchClauseSyntax? clause = root?.FindToken(context.Span.Start).Parent?.FirstAncestorOrSelf<CatchClauseSyntax>();
        if (clause?.Parent is not TryStatementSyntax tryStatement)
        {
            return;
        }

        Diagnostic diagnostic = context.Diagnostics[0];
        context.RegisterCodeFix(
            CodeAction.Create(CatchFirstTitle, ct => DocumentEditing.ReplaceAsync(context.Document, tryStatement, CatchFirst(tryStatement, clause), ct), nameof(CatchFirstTitle)),
            diagnostic);

        if (diagnostic.Properties.ContainsKey(CatchSwallowsDeleteFailureAnalyzer.OnlyDeletesThrowKey))
        {
            context.RegisterCodeFix(
                CodeAction.Create(CatchInsteadTitle, ct => DocumentEditing.ReplaceAsync(context.Document, clause, CatchInstead(clause), ct), nameof(CatchInsteadTitle)),
                diagnostic);
        }
    }

    private static TypeSyntax SessionDeleteExceptionType() =>
        ParseTypeName("global::SessionStore.SessionDeleteException").WithAdditionalAnnotations(Simplifier.Annotation);

    private static TryStatementSyntax CatchFirst(TryStatementSyntax tryStatement, CatchClauseSyntax clause)
    {
        CatchClauseSyntax rethrow = CatchClause(CatchDeclaration(SessionDeleteExceptionType()), null, Block(ThrowStatement()))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return tryStatement.WithCatches(tryStatement.Catches.Insert(tryStatement.Catches.IndexOf(clause), rethrow));
    }

    private static CatchClauseSyntax CatchInstead(CatchClauseSyntax clause)
    {
        CatchDeclarationSyntax declaration = clause.Declaration is { } existing
            ? existing.WithType(SessionDeleteExceptionType().WithTriviaFrom(existing.Type))
            : CatchDeclaration(SessionDeleteExceptionType()).WithLeadingTrivia(Space);
        return clause.WithCatchKeyword(clause.CatchKeyword.WithTrailingTrivia())
            .WithDeclaration(declaration)
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}

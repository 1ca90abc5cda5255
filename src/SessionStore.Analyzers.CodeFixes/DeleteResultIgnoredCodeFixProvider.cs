using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>
/// Fixes SS0001 by discarding the result explicitly (<c>_ = store.Delete(id);</c>) or by checking it
/// (<c>if (!store.Delete(id)) { }</c>); an expression body becomes a block to hold the check.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeleteResultIgnoredCodeFixProvider)), Shared]
public sealed class DeleteResultIgnoredCodeFixProvider : CodeFixProvider
{
    internal const string DiscardTitle = "Discard the result explicitly";
    internal const string CheckTitle = "Check whether the session was deleted";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS0001");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not ExpressionSyntax ignored)
        {
            return;
        }

        Diagnostic diagnostic = context.Diagnostics[0];
        context.RegisterCodeFix(
            CodeAction.Create(DiscardTitle, ct => DocumentEditing.ReplaceAsync(context.Document, ignored, Discard(ignored), ct), nameof(DiscardTitle)),
            diagnostic);

        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is not null && BuildCheck(ignored, model, context.CancellationToken) is { } check)
        {
            context.RegisterCodeFix(
                CodeAction.Create(CheckTitle, ct => DocumentEditing.ReplaceAsync(context.Document, check.Replaced, check.Replacement, ct), nameof(CheckTitle)),
                diagnostic);
        }
    }

    private static AssignmentExpressionSyntax Discard(ExpressionSyntax ignored) =>
        AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("_"), ignored.WithoutTrivia())
            .WithTriviaFrom(ignored);

    /// <summary>The node to replace and its replacement, or null when no check fits where the call stands.</summary>
    private static (SyntaxNode Replaced, SyntaxNode Replacement)? BuildCheck(ExpressionSyntax ignored, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax? condition = NotDeletedCondition(ignored, model, cancellationToken);
        if (condition is null)
        {
            return null;
        }

        IfStatementSyntax check = IfStatement(condition, Block()).WithAdditionalAnnotations(Formatter.Annotation);
        switch (ignored.Parent)
        {
            case ExpressionStatementSyntax statement:
                return (statement, check.WithTriviaFrom(statement));
            case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method }:
                return (method, method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(check))
                    .WithAdditionalAnnotations(Formatter.Annotation));
            case ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax local }:
                return (local, local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(check))
                    .WithAdditionalAnnotations(Formatter.Annotation));
            case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == ignored:
                // A multi-line block: the formatter keeps a single-line lambda block as it is.
                BlockSyntax body = Block(check).WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(ElasticCarriageReturnLineFeed));
                return (lambda, lambda.WithExpressionBody(null).WithBlock(body).WithAdditionalAnnotations(Formatter.Annotation));
            default:
                return null;
        }
    }

    private static ExpressionSyntax? NotDeletedCondition(ExpressionSyntax ignored, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax value = ignored.WithoutTrivia();
        ITypeSymbol? type = model.GetTypeInfo(ignored, cancellationToken).Type;
        if (type is null)
        {
            return null;
        }

        if (type.SpecialType != SpecialType.System_Boolean && !IsNullableBool(type))
        {
            // A dropped task: the check has to await it, which only an async function can.
            if (!IsInsideAsyncFunction(ignored))
            {
                return null;
            }

            value = AwaitExpression(value);
            type = ((INamedTypeSymbol)type).TypeArguments.FirstOrDefault();
        }

        // store?.Delete(id) is a bool?: "not deleted" is anything but true.
        return type is not null && IsNullableBool(type)
            ? BinaryExpression(SyntaxKind.NotEqualsExpression, value, LiteralExpression(SyntaxKind.TrueLiteralExpression))
            : PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, value is AwaitExpressionSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax
                ? value
                : ParenthesizedExpression(value));
    }

    private static bool IsNullableBool(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean;

    private static bool IsInsideAsyncFunction(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>
/// Fixes SS0001 without changing what the program does: "discard" writes <c>_ = store.Delete(id);</c>
/// (not offered where <c>_</c> names a variable or parameter, which the assignment would overwrite);
/// "check" writes <c>if (!store.Delete(id)) { }</c>, in a block where the statement stands alone in an
/// <c>if</c>, loop, <c>using</c> or <c>lock</c> (so an <c>else</c> keeps its <c>if</c>), and turns an
/// expression body into a block. A dropped task is never awaited by a fix: awaiting changes when the
/// program goes on, so only "discard" is offered for it. <c>task.Wait()</c> becomes <c>task.Result</c>,
/// which blocks and throws exactly as it does.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DeleteResultIgnoredCodeFixProvider)), Shared]
public sealed class DeleteResultIgnoredCodeFixProvider : EditorCodeFixProvider
{
    internal const string DiscardTitle = "Discard the result explicitly";
    internal const string CheckTitle = "Check whether the session was deleted";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.DeleteResultIgnored);

    private protected override IEnumerable<FixEdit> GetEdits(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax ignored)
        {
            yield break;
        }

        // task.Wait(timeout) answers whether the wait timed out, not the delete: no fix can keep both.
        bool? waits = WaitsForTheTask(ignored, model, cancellationToken);
        if (waits is null)
        {
            yield break;
        }

        ITypeSymbol? type = waits.Value ? null : model.GetTypeInfo(ignored, cancellationToken).Type;
        if (type is null && !waits.Value)
        {
            yield break;
        }

        bool underscoreIsTaken = model.LookupSymbols(ignored.SpanStart, name: "_").Any();
        if (!underscoreIsTaken)
        {
            yield return new FixEdit(DiscardTitle, nameof(DiscardTitle), editor =>
                editor.ReplaceNode(ignored, (current, _) => Discard(WaitToResult((ExpressionSyntax)current, waits.Value))));
        }

        // Waiting for a dropped task would change when the program goes on: no check for it.
        bool conditional = ignored is ConditionalAccessExpressionSyntax;
        bool isBool = waits.Value || type!.SpecialType == SpecialType.System_Boolean || IsNullableBool(type);
        if (isBool && CheckEdit(ignored, waits.Value, nullable: waits.Value ? conditional : IsNullableBool(type!)) is { } check)
        {
            yield return new FixEdit(CheckTitle, nameof(CheckTitle), check);
        }
    }

    private static AssignmentExpressionSyntax Discard(ExpressionSyntax ignored) =>
        AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, IdentifierName("_"), ignored.WithoutTrivia())
            .WithTriviaFrom(ignored);

    /// <summary>The edit that puts the check where the ignored call stands, or null where no statement can go.</summary>
    private static System.Action<Microsoft.CodeAnalysis.Editing.SyntaxEditor>? CheckEdit(ExpressionSyntax ignored, bool waits, bool nullable)
    {
        IfStatementSyntax Check(ExpressionSyntax current) =>
            IfStatement(NotDeleted(WaitToResult(current.WithoutTrivia(), waits), nullable), Block()).WithAdditionalAnnotations(Formatter.Annotation);

        switch (ignored.Parent)
        {
            case ExpressionStatementSyntax statement when StandsInAList(statement):
                return editor => editor.ReplaceNode(statement, (current, _) =>
                    Check(((ExpressionStatementSyntax)current).Expression).WithTriviaFrom(current));
            case ExpressionStatementSyntax statement:
                // An embedded statement (if/else branch, loop, using, lock, fixed): a block keeps an `else` with its own `if`.
                bool onItsOwnLine = statement.GetFirstToken().GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
                return editor => editor.ReplaceNode(statement, (current, _) =>
                    MultiLineBlock(Check(((ExpressionStatementSyntax)current).Expression))
                        .WithLeadingTrivia(onItsOwnLine ? CommentsOf(current.GetLeadingTrivia()) : CommentsOf(current.GetLeadingTrivia()).Insert(0, ElasticCarriageReturnLineFeed))
                        .WithTrailingTrivia(CommentsOf(current.GetTrailingTrivia()).AddRange(current.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia))))
                        .WithAdditionalAnnotations(Formatter.Annotation));
            case ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } arrow:
                return editor => editor.ReplaceNode(arrow.Parent!, (current, _) => WithBlockBody(current, Check));
            case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == ignored:
                return editor => editor.ReplaceNode(lambda, (current, _) =>
                {
                    var function = (AnonymousFunctionExpressionSyntax)current;
                    return function.WithExpressionBody(null).WithBlock(MultiLineBlock(Check(function.ExpressionBody!))).WithAdditionalAnnotations(Formatter.Annotation);
                });
            default:
                return null;
        }
    }

    /// <summary>A block the formatter lays out on several lines (it keeps a block written on one line as it is).</summary>
    private static BlockSyntax MultiLineBlock(StatementSyntax statement) =>
        Block(statement).WithOpenBraceToken(Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(ElasticCarriageReturnLineFeed));

    /// <summary>The comments of <paramref name="trivia"/>, with layout left to the formatter.</summary>
    private static SyntaxTriviaList CommentsOf(SyntaxTriviaList trivia) =>
        TriviaList(trivia.Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia)).Prepend(ElasticMarker).Append(ElasticMarker));

    /// <summary>A statement in a block, a switch section, a label or an <c>else</c>: an <c>if</c> can replace it as it is.</summary>
    private static bool StandsInAList(StatementSyntax statement) =>
        statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax or LabeledStatementSyntax or ElseClauseSyntax;

    private static SyntaxNode WithBlockBody(SyntaxNode member, System.Func<ExpressionSyntax, IfStatementSyntax> check) => member switch
    {
        BaseMethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default)
            .WithBody(Block(check(method.ExpressionBody!.Expression))).WithAdditionalAnnotations(Formatter.Annotation),
        AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default)
            .WithBody(Block(check(accessor.ExpressionBody!.Expression))).WithAdditionalAnnotations(Formatter.Annotation),
        LocalFunctionStatementSyntax local => local.WithExpressionBody(null).WithSemicolonToken(default)
            .WithBody(Block(check(local.ExpressionBody!.Expression))).WithAdditionalAnnotations(Formatter.Annotation),
        _ => member,
    };

    /// <summary><c>!deleted</c>, or <c>deleted != true</c> for a <c>bool?</c> (<c>store?.Delete(id)</c>): "not deleted" is anything but true.</summary>
    private static ExpressionSyntax NotDeleted(ExpressionSyntax value, bool nullable) => nullable
        ? BinaryExpression(SyntaxKind.NotEqualsExpression, value, LiteralExpression(SyntaxKind.TrueLiteralExpression))
        : PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, value is AwaitExpressionSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax
            ? value
            : ParenthesizedExpression(value));

    /// <summary><c>x.Wait()</c> (also after <c>?.</c>) becomes <c>x.Result</c>: the same wait and the same AggregateException, with the value.</summary>
    private static ExpressionSyntax WaitToResult(ExpressionSyntax expression, bool waits) => !waits ? expression : expression switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.WithName(IdentifierName("Result")).WithTriviaFrom(expression),
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.WithName(IdentifierName("Result")).WithTriviaFrom(expression),
        ConditionalAccessExpressionSyntax conditional => conditional.WithWhenNotNull(WaitToResult(conditional.WhenNotNull, waits)),
        _ => expression,
    };

    /// <summary>
    /// True when the ignored expression ends in <c>task.Wait()</c> on a <c>Task&lt;bool&gt;</c>, null when it
    /// ends in a <c>Wait</c> with arguments (a timeout or a token), false otherwise.
    /// </summary>
    private static bool? WaitsForTheTask(ExpressionSyntax ignored, SemanticModel model, CancellationToken cancellationToken)
    {
        ExpressionSyntax last = ignored is ConditionalAccessExpressionSyntax conditional ? conditional.WhenNotNull : ignored;
        if (last is not InvocationExpressionSyntax invocation ||
            model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { Name: "Wait" })
        {
            return false;
        }

        ExpressionSyntax? receiver = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            MemberBindingExpressionSyntax => (ignored as ConditionalAccessExpressionSyntax)?.Expression,
            _ => null,
        };
        bool onTaskOfBool = receiver is not null &&
            model.GetTypeInfo(receiver, cancellationToken).Type is INamedTypeSymbol { TypeArguments.Length: 1 } task &&
            task.TypeArguments[0].SpecialType == SpecialType.System_Boolean;
        return invocation.ArgumentList.Arguments.Count == 0 && onTaskOfBool ? true : null;
    }

    private static bool IsNullableBool(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable &&
        nullable.TypeArguments[0].SpecialType == SpecialType.System_Boolean;
}

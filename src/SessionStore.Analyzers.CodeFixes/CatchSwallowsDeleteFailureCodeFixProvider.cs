using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using SessionStore.Analyzers.Rules;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace SessionStore.Analyzers.CodeFixes;

/// <summary>
/// Fixes SS0002 by a clause for <c>SessionDeleteException</c> before the one that swallows it; everything
/// else the try caught is caught exactly as before.
/// <list type="bullet">
/// <item>"Let SessionDeleteException propagate": <c>catch (SessionDeleteException) { throw; }</c>. The
/// one thing that changes is the thing reported: that exception now reaches the caller.</item>
/// <item>"Handle SessionDeleteException in its own clause": the same handler, in a clause only that
/// exception reaches (<c>catch (IOException e) when (e is SessionDeleteException)</c>, so <c>e</c> keeps its
/// type and every call in the handler binds as before). Nothing changes but that the decision is written
/// down, where it can be changed. (Narrowing the clause to <c>SessionDeleteException</c> would stop catching
/// what else the try throws, such as <c>SessionLockTimeoutException</c>, so it is not offered.)</item>
/// </list>
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CatchSwallowsDeleteFailureCodeFixProvider)), Shared]
public sealed class CatchSwallowsDeleteFailureCodeFixProvider : EditorCodeFixProvider
{
    internal const string PropagateTitle = "Let SessionDeleteException propagate";
    internal const string OwnClauseTitle = "Handle SessionDeleteException in its own clause";

    private const string SessionDeleteException = "global::SessionStore.SessionDeleteException";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.CatchSwallowsDeleteFailure);

    private protected override IEnumerable<FixEdit> GetEdits(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        CatchClauseSyntax? clause = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<CatchClauseSyntax>();
        // A delete failure a Parallel call wraps in an AggregateException would pass a clause for it by: no fix.
        if (clause?.Parent is not TryStatementSyntax || diagnostic.Properties.ContainsKey(CatchSwallowsDeleteFailureAnalyzer.WrappedProperty))
        {
            yield break;
        }

        yield return new FixEdit(PropagateTitle, nameof(PropagateTitle), editor => editor.InsertBefore(clause, Rethrowing()));
        yield return new FixEdit(OwnClauseTitle, nameof(OwnClauseTitle), editor => editor.InsertBefore(clause, OwnClause(clause)));
    }

    private static TypeSyntax ExceptionType() =>
        ParseTypeName(SessionDeleteException).WithAdditionalAnnotations(Simplifier.Annotation);

    private static CatchClauseSyntax Rethrowing() =>
        CatchClause(CatchDeclaration(ExceptionType()), null, Block(ThrowStatement())).WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>
    /// The clause's handler, reached only by the delete failure. The clause's filter is not copied: the
    /// analyzer reports a clause only when its filter is a pure type test that is true for that exception.
    /// </summary>
    private static CatchClauseSyntax OwnClause(CatchClauseSyntax clause)
    {
        if (clause.Declaration is not { } declaration || !declaration.Identifier.IsKind(SyntaxKind.IdentifierToken))
        {
            // No variable: nothing in the handler can see the exception's type.
            return CatchClause(CatchDeclaration(ExceptionType()), null, clause.Block).WithAdditionalAnnotations(Formatter.Annotation);
        }

        ExpressionSyntax test = BinaryExpression(SyntaxKind.IsExpression, IdentifierName(declaration.Identifier.ValueText), ExceptionType());
        return CatchClause(declaration, CatchFilterClause(test), clause.Block).WithAdditionalAnnotations(Formatter.Annotation);
    }
}

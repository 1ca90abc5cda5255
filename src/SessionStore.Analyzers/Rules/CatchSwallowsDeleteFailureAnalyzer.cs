using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using SessionStore.Analyzers.Flow;

namespace SessionStore.Analyzers.Rules;

/// <summary>
/// SS0002: the first catch clause of a try that is sure to catch a <c>SessionDeleteException</c> from a
/// store delete in its block catches it by accident (<c>IOException</c> or broader) and swallows it on
/// every path its handler can take for that exception. Filters and branch conditions are evaluated for
/// it (<see cref="CatchClauses"/>); an inner try that handles it first keeps it from getting here (<see cref="DeleteScan"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CatchSwallowsDeleteFailureAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(SessionStoreDiagnostics.CatchSwallowsDeleteFailure);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols symbols = KnownSymbols.For(start.Compilation);
            if (symbols is { Members: { } members, SessionDeleteException: { } deleteFailure, IOException: { } ioException })
            {
                var clauses = new CatchClauses(new DeleteFailureType(deleteFailure, ioException), symbols.DoesNotReturnAttribute);
                start.RegisterOperationAction(c => AnalyzeTry(c, members, clauses), OperationKind.Try);
            }
        });
    }

    private static void AnalyzeTry(OperationAnalysisContext context, StoreMembers members, CatchClauses clauses)
    {
        var tryOperation = (ITryOperation)context.Operation;

        // The clauses decide first: the block is scanned only when one of them would swallow.
        CatchDecision decision = clauses.Decide(tryOperation);
        if (decision is not { Outcome: Outcome.Swallows, Clause: { } clause } ||
            DeleteScan.FirstReaching(tryOperation, members, clauses) is not { } delete)
        {
            return;
        }

        ITypeSymbol caught = clause.ExceptionType;
        context.ReportDiagnostic(Diagnostic.Create(
            SessionStoreDiagnostics.CatchSwallowsDeleteFailure,
            HeaderLocation(clause),
            caught.SpecialType == SpecialType.System_Object ? "everything" : caught.Name,
            delete.Syntax.ToString()));
    }

    /// <summary><c>catch (IOException e)</c>, or the bare <c>catch</c> keyword.</summary>
    private static Location HeaderLocation(ICatchClauseOperation clause)
    {
        var syntax = (CatchClauseSyntax)clause.Syntax;
        return syntax.Declaration is { } declaration
            ? Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, declaration.Span.End))
            : syntax.CatchKeyword.GetLocation();
    }
}

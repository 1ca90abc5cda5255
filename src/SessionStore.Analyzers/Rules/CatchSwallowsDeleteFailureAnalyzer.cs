using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
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

    /// <summary>The property that marks a delete failure that arrives wrapped in an <c>AggregateException</c> (no code fix: a clause for the delete failure would not see it).</summary>
    internal const string WrappedProperty = "Wrapped";

    private static readonly ImmutableDictionary<string, string?> Wrapped = ImmutableDictionary<string, string?>.Empty.Add(WrappedProperty, "true");

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Flags);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            KnownSymbols symbols = KnownSymbols.For(start.Compilation);
            if (symbols is { Members: { } members, Runners: { } runners, SessionDeleteException: { } deleteFailure })
            {
                var clauses = new CatchClauses(new DeleteFailureType(deleteFailure, symbols), symbols);
                var wrappedClauses = new Lazy<CatchClauses?>(
                    () => symbols.AggregateException is { } aggregate ? new CatchClauses(new DeleteFailureType(aggregate, symbols), symbols) : null,
                    LazyThreadSafetyMode.PublicationOnly);
                start.RegisterOperationAction(c => AnalyzeTry(c, symbols, members, runners, clauses, wrappedClauses), OperationKind.Try);
            }
        });
    }

    private static void AnalyzeTry(OperationAnalysisContext context, KnownSymbols symbols, StoreMembers members, DelegateRunners runners, CatchClauses clauses, Lazy<CatchClauses?> lazyWrappedClauses)
    {
        var tryOperation = (ITryOperation)context.Operation;
        if (tryOperation.Catches.IsEmpty)
        {
            return;
        }

        CatchClauses? wrappedClauses = lazyWrappedClauses.Value;

        // The clauses decide first: the block is scanned only when one of them would swallow the exception
        // (or, decided only if a clause can catch it at all, the AggregateException a Parallel call wraps it in).
        ICatchClauseOperation? direct = Swallowing(clauses.Decide(tryOperation));
        ICatchClauseOperation? wrapped = wrappedClauses is not null && tryOperation.Catches.Any(c => wrappedClauses.Type.IsA(c.ExceptionType))
            ? Swallowing(wrappedClauses.Decide(tryOperation))
            : null;
        if (direct is null && wrapped is null)
        {
            return;
        }

        foreach (ReachingDelete reaching in DeleteScan.Reaching(tryOperation, members, clauses, wrappedClauses, runners))
        {
            if ((reaching.Wrapped ? wrapped : direct) is not { } clause)
            {
                continue;
            }

            ITypeSymbol caught = clause.ExceptionType;
            GeneratedCode.Report(context, Diagnostic.Create(
                SessionStoreDiagnostics.CatchSwallowsDeleteFailure,
                HeaderLocation(clause),
                reaching.Wrapped ? Wrapped : null,
                caught.SpecialType == SpecialType.System_Object ? "everything" : caught.Name,
                reaching.Delete.Syntax.ToString()), symbols);
            return;
        }
    }

    private static ICatchClauseOperation? Swallowing(CatchDecision decision) =>
        decision is { Outcome: Outcome.Swallows, Clause: { } clause } ? clause : null;

    /// <summary><c>catch (IOException e)</c>, or the bare <c>catch</c> keyword.</summary>
    private static Location HeaderLocation(ICatchClauseOperation clause)
    {
        var syntax = (CatchClauseSyntax)clause.Syntax;
        return syntax.Declaration is { } declaration
            ? Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(syntax.CatchKeyword.SpanStart, declaration.Span.End))
            : syntax.CatchKeyword.GetLocation();
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// Decides, clause by clause and in order, what a try does with a <c>SessionDeleteException</c> thrown in
/// its block: a clause whose type cannot hold it or whose filter is known false for it is skipped; a filter
/// decided at run time may or may not take it (so a later clause may still get it); the first clause sure
/// to take it decides, by what its handler lets escape on every path (<see cref="HandlerFlow"/>).
/// </summary>
internal sealed class CatchClauses
{
    private readonly DeleteFailureType _type;
    private readonly KnownSymbols _symbols;

    internal CatchClauses(DeleteFailureType type, KnownSymbols symbols)
    {
        _type = type;
        _symbols = symbols;
    }

    internal DeleteFailureType Type => _type;

    internal CatchDecision Decide(ITryOperation @try)
    {
        bool mayEscapeEarlier = false;
        foreach (ICatchClauseOperation clause in @try.Catches)
        {
            if (!_type.IsA(clause.ExceptionType))
            {
                continue;
            }

            var conditions = new ConditionEvaluator(_type, (clause.ExceptionDeclarationOrExpression as IVariableDeclaratorOperation)?.Symbol);
            Verdict filter = clause.Filter is null ? Verdict.Of(true) : conditions.Evaluate(clause.Filter);
            if (filter.Truth == Truth.False)
            {
                continue;
            }

            Exits exits = HandlerFlow.Analyze(clause.Handler, conditions, _symbols.DoesNotReturnAttribute);
            Outcome outcome = _type.IsSpecific(clause.ExceptionType) || filter.NamesDeleteFailure ? Outcome.Handled : Classify(exits);
            bool mayEscape = mayEscapeEarlier || (exits & Exits.Rethrow) != 0;
            if (filter.Truth == Truth.True)
            {
                return new CatchDecision(clause, outcome, mayEscape);
            }

            // Decided at run time: when the filter passes, this handler decides; when not, a later clause does.
            mayEscapeEarlier = mayEscape;
        }

        return new CatchDecision(null, Outcome.NotCaught, MayEscape: true);
    }

    private static Outcome Classify(Exits exits)
    {
        if (exits == Exits.Swallow)
        {
            return Outcome.Swallows;
        }

        if ((exits & Exits.Swallow) != 0)
        {
            return Outcome.DecidedAtRunTime;
        }

        return (exits & Exits.Rethrow) != 0 ? Outcome.Escapes : Outcome.Handled;
    }
}

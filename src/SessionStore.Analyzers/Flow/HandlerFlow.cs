using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// Follows every path through a catch handler that is handling a <c>SessionDeleteException</c> and
/// collects how they leave it (<see cref="Exits"/>). Branches whose condition is known for that exception
/// (<see cref="ConditionEvaluator"/>) take one side only; the others take both. Structured statements
/// only (blocks, if, switch, loops, try, using, lock, jumps); anything else runs on to the next statement.
/// </summary>
internal sealed class HandlerFlow
{
    private readonly ConditionEvaluator _conditions;
    private readonly INamedTypeSymbol? _doesNotReturn;
    private readonly IOperation _handler;
    private ImmutableHashSet<ILabelSymbol>? _labelsInside;
    private int _loopDepth;
    private int _switchDepth;
    private int _nestedCatchDepth;

    private HandlerFlow(ConditionEvaluator conditions, INamedTypeSymbol? doesNotReturn, IOperation handler)
    {
        _conditions = conditions;
        _doesNotReturn = doesNotReturn;
        _handler = handler;
    }

    /// <summary>How control leaves <paramref name="handler"/>; running off its end counts as <see cref="Exits.Swallow"/>.</summary>
    internal static Exits Analyze(IOperation handler, ConditionEvaluator conditions, INamedTypeSymbol? doesNotReturn)
    {
        Exits exits = new HandlerFlow(conditions, doesNotReturn, handler).Statement(handler);
        return (exits & Exits.Normal) != 0 ? (exits & ~Exits.Normal) | Exits.Swallow : exits;
    }

    private Exits Statement(IOperation? operation) => operation switch
    {
        null => Exits.Normal,
        IBlockOperation block => Sequence(block.Operations),
        IExpressionStatementOperation { Operation: IThrowOperation thrown } => Throw(thrown),
        IThrowOperation thrown => Throw(thrown),
        IExpressionStatementOperation expression => Expression(expression.Operation),
        IConditionalOperation conditional => Branch(conditional),
        ISwitchOperation @switch => Switch(@switch),
        ILoopOperation loop => Loop(loop),
        ITryOperation @try => Try(@try),
        IUsingOperation @using => Statement(@using.Body),
        ILockOperation @lock => Statement(@lock.Body),
        ILabeledOperation labeled => Statement(labeled.Operation),
        IBranchOperation branch => Jump(branch),
        IReturnOperation { Kind: OperationKind.YieldReturn } => Exits.Normal,
        IReturnOperation => Exits.Swallow,
        _ => Exits.Normal,
    };

    /// <summary>Statements run in order: the exits of each that can be reached, and Normal if the last one runs on.</summary>
    private Exits Sequence(IEnumerable<IOperation> statements)
    {
        Exits exits = Exits.None;
        foreach (IOperation statement in statements)
        {
            Exits next = Statement(statement);
            exits |= next & ~Exits.Normal;
            if ((next & Exits.Normal) == 0)
            {
                return exits;
            }
        }

        return exits | Exits.Normal;
    }

    private Exits Throw(IThrowOperation thrown)
    {
        if (thrown.Exception is null)
        {
            // Inside a catch nested in the handler, `throw;` rethrows that catch's exception, not ours.
            return _nestedCatchDepth == 0 ? Exits.Rethrow : Exits.Swallow;
        }

        if (_conditions.IsCaught(thrown.Exception))
        {
            return Exits.Rethrow;
        }

        return CarriesCaught(thrown.Exception) ? Exits.Wrapped : Exits.Swallow;
    }

    /// <summary>
    /// A call that never returns ends the path: <c>ExceptionDispatchInfo.Capture(e).Throw()</c> rethrows,
    /// another (a throw helper, <c>Environment.FailFast</c>) does not go on either.
    /// </summary>
    private Exits Expression(IOperation expression)
    {
        if (expression is IInvocationOperation invocation && KnownSymbols.HasAttribute(invocation.TargetMethod, _doesNotReturn))
        {
            return invocation.Descendants().Any(_conditions.IsCaught) ? Exits.Rethrow : Exits.Wrapped;
        }

        return Exits.Normal;
    }

    private Exits Branch(IConditionalOperation conditional)
    {
        Verdict verdict = _conditions.Evaluate(conditional.Condition);
        return verdict.Truth switch
        {
            Truth.True => Statement(conditional.WhenTrue) | Deliberately(verdict),
            Truth.False => Statement(conditional.WhenFalse) | Deliberately(verdict),
            _ => Statement(conditional.WhenTrue) | Statement(conditional.WhenFalse),
        };
    }

    private Exits Switch(ISwitchOperation @switch)
    {
        bool onCaught = _conditions.IsCaught(@switch.Value);
        Exits exits = Exits.None;
        ISwitchCaseOperation? defaultCase = null;
        _switchDepth++;
        try
        {
            foreach (ISwitchCaseOperation section in @switch.Cases)
            {
                Verdict verdict = Verdict.Of(false);
                foreach (ICaseClauseOperation clause in section.Clauses)
                {
                    if (clause is IDefaultCaseClauseOperation)
                    {
                        defaultCase = section;
                        continue;
                    }

                    verdict = verdict.Or(onCaught ? Label(clause) : Verdict.Unknown);
                }

                if (verdict.Truth == Truth.False)
                {
                    continue;
                }

                if (verdict.Truth == Truth.True)
                {
                    return exits | Section(section) | Deliberately(verdict);
                }

                exits |= Section(section);
            }

            return exits | (defaultCase is null ? Exits.Normal : Section(defaultCase));
        }
        finally
        {
            _switchDepth--;
        }
    }

    /// <summary>A branch taken because a test named the exception marks its path as written for it.</summary>
    private static Exits Deliberately(Verdict verdict) => verdict.NamesDeleteFailure ? Exits.Deliberate : Exits.None;

    /// <summary>A case label: its pattern, and its <c>when</c> clause if any.</summary>
    private Verdict Label(ICaseClauseOperation clause) => clause switch
    {
        IPatternCaseClauseOperation pattern => _conditions.Match(pattern.Pattern).And(pattern.Guard is null ? Verdict.Of(true) : _conditions.Evaluate(pattern.Guard)),
        ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true, Value: null } } => Verdict.Of(false),
        _ => Verdict.Unknown,
    };

    private Exits Section(ISwitchCaseOperation section)
    {
        Exits exits = Sequence(section.Body) & ~Exits.Normal;

        // A section ends with a break (or another jump); its break leaves the switch normally.
        return (exits & ~Exits.Break) | ((exits & Exits.Break) != 0 ? Exits.Normal : Exits.None);
    }

    private Exits Loop(ILoopOperation loop)
    {
        int switchDepth = _switchDepth;
        _loopDepth++;
        _switchDepth = 0;
        Exits body;
        try
        {
            body = Statement(loop.Body);
        }
        finally
        {
            _loopDepth--;
            _switchDepth = switchDepth;
        }

        IOperation? condition = loop switch
        {
            IWhileLoopOperation @while => @while.Condition,
            IForLoopOperation @for => @for.Condition,
            _ => null,
        };
        bool endless = loop is IWhileLoopOperation or IForLoopOperation && (condition is null || _conditions.Evaluate(condition).Truth == Truth.True);
        bool leavesNormally = !endless || (body & Exits.Break) != 0;
        return (body & ~(Exits.Normal | Exits.Break | Exits.Continue)) | (leavesNormally ? Exits.Normal : Exits.None);
    }

    private Exits Try(ITryOperation @try)
    {
        Exits exits = Statement(@try.Body);
        _nestedCatchDepth++;
        try
        {
            foreach (ICatchClauseOperation clause in @try.Catches)
            {
                exits |= Statement(clause.Handler);
            }
        }
        finally
        {
            _nestedCatchDepth--;
        }

        return exits;
    }

    private Exits Jump(IBranchOperation branch) => branch.BranchKind switch
    {
        BranchKind.Break when _loopDepth > 0 || _switchDepth > 0 => Exits.Break,
        BranchKind.Continue when _loopDepth > 0 => Exits.Continue,
        // `goto case`/`goto default` in a switch of the handler, or a goto to a label in it, stays inside.
        BranchKind.GoTo when _switchDepth > 0 || LabelsInside().Contains(branch.Target) => Exits.Normal,
        _ => Exits.Swallow,
    };

    /// <summary>The labels declared in the handler (a <c>goto</c> to one stays inside); gathered on the first <c>goto</c>.</summary>
    private ImmutableHashSet<ILabelSymbol> LabelsInside() => _labelsInside ??= _handler.DescendantsAndSelf().OfType<ILabeledOperation>()
        .Select(l => l.Label).ToImmutableHashSet<ILabelSymbol>(SymbolEqualityComparer.Default);

    /// <summary>A new exception that takes the caught one as an argument (usually its inner exception).</summary>
    private bool CarriesCaught(IOperation exception)
    {
        while (exception is IConversionOperation conversion)
        {
            exception = conversion.Operand;
        }

        return exception is IObjectCreationOperation or IInvocationOperation &&
            exception.Descendants().OfType<IArgumentOperation>().Any(a => _conditions.IsCaught(a.Value));
    }
}

using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// Finds the store deletes in a try block whose <c>SessionDeleteException</c> can reach the try's catch
/// clauses: called in the block itself, in a local function or a local delegate the block calls, or in a
/// lambda or method group that a call in the block runs before it returns (<see cref="DelegateRunners"/>);
/// a lambda that is only declared or handed to something that keeps it does not run there. An inner try
/// on the way that handles or swallows it stops it (one between a <c>Parallel</c> call and the block sees
/// the <c>AggregateException</c> instead).
/// </summary>
internal sealed class DeleteScan
{
    private readonly StoreMembers _members;
    private readonly CatchClauses _clauses;
    private readonly CatchClauses? _wrappedClauses;
    private readonly DelegateRunners _runners;
    private readonly ITryOperation _try;
    private readonly HashSet<ISymbol> _visitedFunctions = new(SymbolEqualityComparer.Default);
    private IOperation? _root;

    private DeleteScan(StoreMembers members, CatchClauses clauses, CatchClauses? wrappedClauses, DelegateRunners runners, ITryOperation @try)
    {
        _members = members;
        _clauses = clauses;
        _wrappedClauses = wrappedClauses;
        _runners = runners;
        _try = @try;
    }

    /// <summary>Every such delete, in source order (lazily: the caller stops at the first it reports).</summary>
    internal static IEnumerable<ReachingDelete> Reaching(ITryOperation @try, StoreMembers members, CatchClauses clauses, CatchClauses? wrappedClauses, DelegateRunners runners) =>
        new DeleteScan(members, clauses, wrappedClauses, runners, @try).Scan(@try.Body, @try.Body);

    /// <summary>The operations of a block in source order, not descending into lambdas, anonymous methods or local functions.</summary>
    internal static IEnumerable<IOperation> OutsideNestedFunctions(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            yield return current;
            foreach (IOperation child in current.ChildOperations.Reverse())
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    stack.Push(child);
                }
            }
        }
    }

    private IEnumerable<ReachingDelete> Scan(IOperation block, IOperation boundary)
    {
        foreach (IOperation operation in OutsideNestedFunctions(block))
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            IEnumerable<ReachingDelete> found = _members.IsDelete(invocation.TargetMethod)
                ? From(invocation, boundary, false)
                : invocation.TargetMethod.MethodKind switch
                {
                    MethodKind.LocalFunction => InFunction(invocation.TargetMethod, invocation, boundary),
                    MethodKind.DelegateInvoke when invocation.Instance is ILocalReferenceOperation local => InLocalDelegate(local.Local, invocation, boundary),
                    _ => _runners.RunsNow(invocation) ? InArguments(invocation, boundary) : [],
                };
            foreach (ReachingDelete delete in found)
            {
                yield return delete;
            }
        }
    }

    /// <summary>The deletes in the lambdas and method groups among a runner's arguments (a <c>params</c> array's elements too).</summary>
    private IEnumerable<ReachingDelete> InArguments(IInvocationOperation runner, IOperation boundary)
    {
        foreach (IArgumentOperation argument in runner.Arguments)
        {
            IEnumerable<IOperation> values = argument.Value is IArrayCreationOperation { Initializer: { } elements } ? elements.ElementValues : new[] { argument.Value };
            foreach (IOperation value in values)
            {
                // Inside a lambda, each delete walks out through the runner's argument to the boundary by itself.
                IEnumerable<ReachingDelete> found = Unconverted(value) switch
                {
                    IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => Scan(lambda.Body, boundary),
                    IDelegateCreationOperation { Target: IMethodReferenceOperation group } => InMethodGroup(group, boundary),
                    _ => [],
                };
                foreach (ReachingDelete delete in found)
                {
                    yield return delete;
                }
            }
        }
    }

    private IEnumerable<ReachingDelete> InMethodGroup(IMethodReferenceOperation group, IOperation boundary) =>
        _members.IsDelete(group.Method) ? From(group, boundary, false)
        : group.Method.MethodKind == MethodKind.LocalFunction ? InFunction(group.Method, group, boundary)
        : [];

    /// <summary>A local delegate invoked in the block: the lambda or method group it was initialised with runs at the call.</summary>
    private IEnumerable<ReachingDelete> InLocalDelegate(ILocalSymbol local, IOperation call, IOperation boundary)
    {
        if (!_visitedFunctions.Add(local) ||
            Root().Descendants().OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local)) is not { Initializer.Value: { } value })
        {
            return [];
        }

        return Unconverted(value) switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => Through(call, boundary, Scan(lambda.Body, lambda.Body)),
            IDelegateCreationOperation { Target: IMethodReferenceOperation group } => Through(call, boundary, InMethodGroup(group, group)),
            _ => [],
        };
    }

    private IEnumerable<ReachingDelete> InFunction(IMethodSymbol localFunction, IOperation call, IOperation boundary)
    {
        if (!_visitedFunctions.Add(localFunction.OriginalDefinition) ||
            Root().Descendants().OfType<ILocalFunctionOperation>()
                .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, localFunction.OriginalDefinition))?.Body is not { } body)
        {
            return [];
        }

        return Through(call, boundary, Scan(body, body));
    }

    /// <summary>The deletes that get out of a function body and then from its call site to the boundary.</summary>
    private IEnumerable<ReachingDelete> Through(IOperation call, IOperation boundary, IEnumerable<ReachingDelete> inside)
    {
        foreach (ReachingDelete delete in inside)
        {
            if (Reaches(call, boundary, delete.Wrapped) is { } wrapped)
            {
                yield return delete with { Wrapped = wrapped };
            }
        }
    }

    private IEnumerable<ReachingDelete> From(IOperation delete, IOperation boundary, bool wrapped) =>
        Reaches(delete, boundary, wrapped) is { } arrivesWrapped ? [new ReachingDelete(delete, arrivesWrapped)] : [];

    /// <summary>
    /// Whether an exception thrown at <paramref name="from"/> gets out to <paramref name="boundary"/> past every
    /// try in between: null if not, else whether it arrives wrapped (it passed a <c>Parallel</c> call).
    /// </summary>
    private bool? Reaches(IOperation from, IOperation boundary, bool wrapped)
    {
        for (IOperation current = from; current != boundary && current.Parent is { } parent; current = parent)
        {
            if (parent is IInvocationOperation runner && current is IArgumentOperation && _runners.Wraps(runner))
            {
                wrapped = true;
            }

            CatchClauses? clauses = wrapped ? _wrappedClauses : _clauses;
            if (clauses is null || parent is ITryOperation inner && inner.Body == current && !clauses.Decide(inner).MayEscape)
            {
                return null;
            }
        }

        return wrapped;
    }

    private IOperation Root()
    {
        if (_root is null)
        {
            _root = _try;
            while (_root.Parent is not null)
            {
                _root = _root.Parent;
            }
        }

        return _root;
    }

    private static IOperation Unconverted(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}

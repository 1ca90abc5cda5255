using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// Finds the store deletes in a try block whose <c>SessionDeleteException</c> can reach the try's catch
/// clauses: called in the block itself or in a local function the block calls (a lambda or local function
/// that is only declared there does not run there), and not stopped on the way by an inner try that
/// handles or swallows it.
/// </summary>
internal sealed class DeleteScan
{
    private readonly StoreMembers _members;
    private readonly CatchClauses _clauses;
    private readonly ITryOperation _try;
    private readonly HashSet<IMethodSymbol> _visitedLocalFunctions = new(SymbolEqualityComparer.Default);
    private IOperation? _root;

    private DeleteScan(StoreMembers members, CatchClauses clauses, ITryOperation @try)
    {
        _members = members;
        _clauses = clauses;
        _try = @try;
    }

    /// <summary>The first such delete in source order, or null.</summary>
    internal static IInvocationOperation? FirstReaching(ITryOperation @try, StoreMembers members, CatchClauses clauses) =>
        new DeleteScan(members, clauses, @try).Scan(@try.Body, @try.Body);

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

    private IInvocationOperation? Scan(IOperation block, IOperation boundary)
    {
        foreach (IOperation operation in OutsideNestedFunctions(block))
        {
            if (operation is not IInvocationOperation invocation)
            {
                continue;
            }

            if (_members.IsDelete(invocation.TargetMethod))
            {
                if (Reaches(invocation, boundary))
                {
                    return invocation;
                }
            }
            else if (invocation.TargetMethod.MethodKind == MethodKind.LocalFunction &&
                     _visitedLocalFunctions.Add(invocation.TargetMethod.OriginalDefinition) &&
                     FindLocalFunction(invocation.TargetMethod) is { } body &&
                     Reaches(invocation, boundary) &&
                     Scan(body, body) is { } inLocalFunction)
            {
                return inLocalFunction;
            }
        }

        return null;
    }

    /// <summary>Whether an exception thrown at <paramref name="from"/> gets out to <paramref name="boundary"/> past every try in between.</summary>
    private bool Reaches(IOperation from, IOperation boundary)
    {
        for (IOperation current = from; current != boundary && current.Parent is { } parent; current = parent)
        {
            if (parent is ITryOperation inner && inner.Body == current && !_clauses.Decide(inner).MayEscape)
            {
                return false;
            }
        }

        return true;
    }

    private IOperation? FindLocalFunction(IMethodSymbol localFunction)
    {
        if (_root is null)
        {
            _root = _try;
            while (_root.Parent is not null)
            {
                _root = _root.Parent;
            }
        }

        return _root.Descendants().OfType<ILocalFunctionOperation>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, localFunction.OriginalDefinition))?.Body;
    }
}

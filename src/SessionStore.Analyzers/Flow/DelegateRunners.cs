using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// The calls that invoke the delegates they are given before they return, so that what a delegate throws
/// comes out of the call: the methods of <c>List&lt;T&gt;</c> and <c>Array</c>, <c>Parallel.For</c>,
/// <c>ForEach</c> and <c>Invoke</c> (which throw it wrapped in an <c>AggregateException</c>), and LINQ to
/// objects: an operator that returns a value at once, or a deferred one (<c>Select</c>, <c>Where</c>) whose
/// sequence goes straight into such an operator or a <c>foreach</c>. Every other call may keep the delegate
/// for later (a timer, <c>CancellationToken.Register</c>, an event, <c>Task.Run</c>), and is not followed.
/// </summary>
internal sealed class DelegateRunners
{
    // Looked up when first needed: only a try whose clause swallows the exception is scanned for calls.
    private readonly Lazy<INamedTypeSymbol?> _enumerable;
    private readonly Lazy<INamedTypeSymbol?> _orderedEnumerable;
    private readonly Lazy<INamedTypeSymbol?> _list;
    private readonly INamedTypeSymbol _array;
    private readonly Lazy<INamedTypeSymbol?> _parallel;

    internal DelegateRunners(Compilation compilation)
    {
        _enumerable = KnownSymbols.Lookup(compilation, "System.Linq.Enumerable");
        _orderedEnumerable = KnownSymbols.Lookup(compilation, "System.Linq.IOrderedEnumerable`1");
        _list = KnownSymbols.Lookup(compilation, "System.Collections.Generic.List`1");
        _array = compilation.GetSpecialType(SpecialType.System_Array);
        _parallel = KnownSymbols.Lookup(compilation, "System.Threading.Tasks.Parallel");
    }

    /// <summary>Whether <paramref name="invocation"/> runs the delegates among its arguments before it returns.</summary>
    internal bool RunsNow(IInvocationOperation invocation)
    {
        // The names first: a type is looked up only for a call on a type of its name.
        INamedTypeSymbol type = invocation.TargetMethod.ContainingType.OriginalDefinition;
        if (Is(type, "List", _list) || Is(type, _array) || Wraps(invocation))
        {
            return true;
        }

        if (!Is(type, "Enumerable", _enumerable))
        {
            return false;
        }

        ITypeSymbol returned = invocation.TargetMethod.ReturnType.OriginalDefinition;
        if (returned.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T && !Is(returned, "IOrderedEnumerable", _orderedEnumerable))
        {
            return true;
        }

        // Deferred: the delegate runs when the sequence is enumerated.
        IOperation sequence = invocation;
        while (sequence.Parent is IConversionOperation conversion)
        {
            sequence = conversion;
        }

        return sequence.Parent switch
        {
            IArgumentOperation { Parent: IInvocationOperation next } argument when argument.Parameter?.Ordinal == 0 && next.TargetMethod.IsExtensionMethod => RunsNow(next),
            IForEachLoopOperation loop => loop.Collection == sequence,
            _ => false,
        };
    }

    /// <summary>Whether what a delegate given to <paramref name="invocation"/> throws comes out wrapped in an <c>AggregateException</c>.</summary>
    internal bool Wraps(IInvocationOperation invocation) =>
        invocation.TargetMethod.Name is "For" or "ForEach" or "Invoke" && Is(invocation.TargetMethod.ContainingType, "Parallel", _parallel);

    private static bool Is(ITypeSymbol type, INamedTypeSymbol? candidate) =>
        SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate);

    private static bool Is(ITypeSymbol type, string name, Lazy<INamedTypeSymbol?> candidate) =>
        type.Name == name && Is(type, candidate.Value);
}

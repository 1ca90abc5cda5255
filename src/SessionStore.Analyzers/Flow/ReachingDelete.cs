using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers.Flow;

/// <summary>A store delete whose <c>SessionDeleteException</c> gets out to a try's clauses.</summary>
/// <param name="Delete">The call, or the method group (<c>ids.Count(store.Delete)</c>).</param>
/// <param name="Wrapped">Whether it arrives wrapped in an <c>AggregateException</c> (thrown in a delegate that <c>Parallel</c> ran).</param>
internal readonly record struct ReachingDelete(IOperation Delete, bool Wrapped);

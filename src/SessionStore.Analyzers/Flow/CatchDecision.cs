using Microsoft.CodeAnalysis.Operations;

namespace SessionStore.Analyzers.Flow;

/// <summary>The first clause of a try that is sure to catch a <c>SessionDeleteException</c>, what it does with it, and whether the exception can still leave the try.</summary>
/// <param name="Clause">The clause, or null when none is sure to catch it.</param>
/// <param name="Outcome">What that clause does with it.</param>
/// <param name="MayEscape">Whether the exception can leave the try (not caught, rethrown, or rethrown by an earlier clause whose filter decides at run time).</param>
internal readonly record struct CatchDecision(ICatchClauseOperation? Clause, Outcome Outcome, bool MayEscape);

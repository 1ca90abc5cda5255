namespace SessionStore.Analyzers.Flow;

/// <summary>What the catch clauses of a try do with a <c>SessionDeleteException</c> from its block.</summary>
internal enum Outcome
{
    /// <summary>No clause is sure to catch it.</summary>
    NotCaught,

    /// <summary>The clause that catches it lets it go on, on every path (<c>throw;</c>, <c>throw e;</c>).</summary>
    Escapes,

    /// <summary>The clause is written for it (its type, its filter or a branch of its handler names it), or wraps it into a new exception on every path.</summary>
    Handled,

    /// <summary>The clause catches it by accident (its type is <c>IOException</c> or broader) and every path swallows it.</summary>
    Swallows,

    /// <summary>Some paths swallow it and some do not, depending on something other than its type (a flag, a call).</summary>
    DecidedAtRunTime,
}

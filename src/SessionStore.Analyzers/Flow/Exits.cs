using System;

namespace SessionStore.Analyzers.Flow;

/// <summary>The ways control can leave a piece of a catch handler that is handling a <c>SessionDeleteException</c>.</summary>
[Flags]
internal enum Exits
{
    None = 0,

    /// <summary>Runs on to the next statement (off the end of the handler: the exception is swallowed).</summary>
    Normal = 1,

    /// <summary><c>throw;</c> or <c>throw e;</c>: the same exception goes on.</summary>
    Rethrow = 2,

    /// <summary>A throw of a new exception built from the caught one (its inner exception), or a call that never returns: not swallowed, no longer this exception.</summary>
    Wrapped = 4,

    /// <summary>Leaves the handler without it: <c>return</c>, <c>break</c> out, a throw of an unrelated exception.</summary>
    Swallow = 8,

    /// <summary>A branch taken because a test named the exception: code written for it, whatever it does.</summary>
    Deliberate = 16,

    /// <summary><c>break</c> of a loop or switch inside the handler.</summary>
    Break = 32,

    /// <summary><c>continue</c> of a loop inside the handler.</summary>
    Continue = 64,
}

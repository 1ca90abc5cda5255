namespace SessionStore.Analyzers.Flow;

/// <summary>
/// A condition's <see cref="Truth"/> for a <c>SessionDeleteException</c>, and whether it was decided by a
/// test that names <c>SessionDeleteException</c> (or a library type between it and <c>IOException</c>):
/// a branch taken because of such a test is code written for that exception, so whatever it does is deliberate.
/// </summary>
/// <param name="Truth">The condition's value.</param>
/// <param name="NamesDeleteFailure">Whether a test naming the exception decided it.</param>
internal readonly record struct Verdict(Truth Truth, bool NamesDeleteFailure)
{
    internal static readonly Verdict Unknown = new(Truth.Unknown, false);

    internal static Verdict Of(bool value, bool namesDeleteFailure = false) => new(value ? Truth.True : Truth.False, namesDeleteFailure);

    internal Verdict Not() => Truth switch
    {
        Truth.True => this with { Truth = Truth.False },
        Truth.False => this with { Truth = Truth.True },
        _ => this,
    };

    /// <summary><c>a &amp;&amp; b</c>: false as soon as one side is, true when both are.</summary>
    internal Verdict And(Verdict other)
    {
        if (Truth == Truth.False || other.Truth == Truth.False)
        {
            return new Verdict(Truth.False, (Truth == Truth.False && NamesDeleteFailure) || (other.Truth == Truth.False && other.NamesDeleteFailure));
        }

        return Truth == Truth.True && other.Truth == Truth.True
            ? new Verdict(Truth.True, NamesDeleteFailure || other.NamesDeleteFailure)
            : Unknown;
    }

    /// <summary><c>a || b</c>: true as soon as one side is, false when both are.</summary>
    internal Verdict Or(Verdict other) => Not().And(other.Not()).Not();
}

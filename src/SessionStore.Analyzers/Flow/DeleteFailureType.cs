using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers.Flow;

/// <summary>
/// What is known about a thrown <c>SessionDeleteException</c>: its exact run-time type (the class is
/// sealed), so every type test on it has a known answer.
/// </summary>
internal sealed class DeleteFailureType
{
    private readonly INamedTypeSymbol _exception;
    private readonly KnownSymbols _symbols;

    /// <summary>The exception <paramref name="thrown"/>; <c>IOException</c> comes from <paramref name="symbols"/> when first needed.</summary>
    internal DeleteFailureType(INamedTypeSymbol thrown, KnownSymbols symbols)
    {
        _exception = thrown;
        _symbols = symbols;
    }

    internal INamedTypeSymbol Symbol => _exception;

    /// <summary>Whether a value of the exception's type is a <paramref name="type"/> (a catch of it, <c>is</c>, a type pattern).</summary>
    internal bool IsA(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType == SpecialType.System_Object)
        {
            return true;
        }

        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (INamedTypeSymbol implemented in _exception.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, type))
                {
                    return true;
                }
            }

            return false;
        }

        return KnownSymbols.IsOrDerivesFrom(_exception, type);
    }

    /// <summary>
    /// Whether <paramref name="type"/> is written for delete failures: <c>SessionDeleteException</c> itself, a
    /// type between it and <c>IOException</c> (a library base of store errors), or an interface of the
    /// library's own that it implements (<c>ISessionError</c>: a test for it handles the library's errors on
    /// purpose). <c>IOException</c>, its bases and the framework's interfaces are not: they catch it by accident.
    /// (A compilation without <c>IOException</c> cannot compile a catch of it: every type counts as specific, and nothing is reported.)
    /// </summary>
    internal bool IsSpecific(ITypeSymbol? type) =>
        type is not null && IsA(type) && (type.TypeKind == TypeKind.Interface
            ? SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, _exception.ContainingAssembly)
            : !KnownSymbols.IsOrDerivesFrom(_symbols.IOException, type));

    /// <summary>The verdict of the test "is <paramref name="type"/>" on the exception.</summary>
    internal Verdict Test(ITypeSymbol? type) => Verdict.Of(IsA(type), IsSpecific(type));
}

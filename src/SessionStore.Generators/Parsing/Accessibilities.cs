using Microsoft.CodeAnalysis;

namespace SessionStore.Generators.Parsing;

/// <summary>How far a type can be seen: the least accessible of itself, its containing types and its type arguments.</summary>
internal static class Accessibilities
{
    internal static Accessibility Effective(ITypeSymbol type)
    {
        Accessibility least = Accessibility.Public;
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Effective(array.ElementType);
            case INamedTypeSymbol named:
                for (INamedTypeSymbol? current = named; current is not null; current = current.ContainingType)
                {
                    least = Least(least, current.DeclaredAccessibility);
                    foreach (ITypeSymbol argument in current.TypeArguments)
                    {
                        least = Least(least, Effective(argument));
                    }
                }

                return least;
            default:
                return least;
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is seen by fewer places than <paramref name="than"/>.</summary>
    internal static bool IsLessAccessible(Accessibility candidate, Accessibility than) => Rank(candidate) < Rank(than);

    /// <summary>The C# keywords of an accessibility.</summary>
    internal static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.Internal => "internal",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static Accessibility Least(Accessibility left, Accessibility right) => Rank(right) < Rank(left) ? right : left;

    private static int Rank(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public or Accessibility.NotApplicable => 5,
        Accessibility.ProtectedOrInternal => 4,
        Accessibility.Internal or Accessibility.Protected => 3,
        Accessibility.ProtectedAndInternal => 2,
        _ => 1,
    };
}

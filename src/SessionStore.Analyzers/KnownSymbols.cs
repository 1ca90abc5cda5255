using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers;

/// <summary>
/// The types the rules and the generator look for, resolved once per compilation (<see cref="For"/>).
/// Every match is by symbol, never by display string. This part is compiled into both plug-ins from this
/// one file (SessionStore.Generators links it): the cache, the types both need and the matching helpers.
/// Each assembly adds the types only it needs in its own part, resolved by <see cref="ResolveOwn"/>:
/// <c>KnownSymbols.Rules.cs</c> here, <c>KnownSymbols.Generator.cs</c> in SessionStore.Generators.
/// </summary>
internal sealed partial class KnownSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> PerCompilation = new();

    private KnownSymbols(Compilation compilation)
    {
        FileStore = compilation.GetTypeByMetadataName("SessionStore.FileSessionStore`1");
        SessionIdAttribute = compilation.GetTypeByMetadataName("SessionStore.SessionIdAttribute");
        ResolveOwn(compilation);
    }

    /// <summary><c>FileSessionStore&lt;T&gt;</c>; null when the compilation does not reference the library.</summary>
    internal INamedTypeSymbol? FileStore { get; }

    internal INamedTypeSymbol? SessionIdAttribute { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, resolved on the first call for it.</summary>
    internal static KnownSymbols For(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new KnownSymbols(c));

    /// <summary>Whether <paramref name="type"/> is <paramref name="candidateBase"/> or derives from it (classes only).</summary>
    internal static bool IsOrDerivesFrom(ITypeSymbol? type, ITypeSymbol? candidateBase)
    {
        if (candidateBase is null)
        {
            return false;
        }

        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, candidateBase.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> carries the attribute <paramref name="attribute"/> (by symbol).</summary>
    internal static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute) => FindAttribute(symbol, attribute) is not null;

    /// <summary>
    /// The attribute <paramref name="attribute"/> on <paramref name="property"/> or on a property it overrides
    /// (the library's property attributes are <c>Inherited = true</c>: an override without it is still marked).
    /// </summary>
    internal static AttributeData? FindInherited(IPropertySymbol property, INamedTypeSymbol? attribute)
    {
        for (IPropertySymbol? current = property; current is not null; current = current.OverriddenProperty)
        {
            if (FindAttribute(current.OriginalDefinition, attribute) is { } data)
            {
                return data;
            }
        }

        return null;
    }

    private static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return null;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return data;
            }
        }

        return null;
    }

    /// <summary>Resolves the types only this assembly needs, after <see cref="FileStore"/> and <see cref="SessionIdAttribute"/>.</summary>
    partial void ResolveOwn(Compilation compilation);
}

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
/// <remarks>
/// The library's own types are looked up in the library's assembly (<see cref="Library"/>), found by name
/// among the references: a lookup in the whole compilation reads the type tables of every referenced
/// assembly, and the first one in a compiler process costs more than everything the rules do in a build.
/// </remarks>
internal sealed partial class KnownSymbols
{
    /// <summary>The name of the library's assembly.</summary>
    internal const string LibraryAssemblyName = "SessionStore";

    private const string FileStoreMetadataName = "SessionStore.FileSessionStore`1";

    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> PerCompilation = new();

    private KnownSymbols(Compilation compilation)
    {
        Library = FindLibrary(compilation);
        FileStore = Library?.GetTypeByMetadataName(FileStoreMetadataName);
        SessionIdAttribute = Library?.GetTypeByMetadataName("SessionStore.SessionIdAttribute");
        ResolveOwn(compilation);
    }

    /// <summary>
    /// The assembly that declares the library's types: the compilation itself when its sources declare
    /// them, else the referenced <c>SessionStore</c> assembly (not one referenced only under an extern
    /// alias); null when there is none.
    /// </summary>
    internal IAssemblySymbol? Library { get; }

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

    private static IAssemblySymbol? FindLibrary(Compilation compilation)
    {
        if (compilation.Assembly.GetTypeByMetadataName(FileStoreMetadataName) is not null)
        {
            return compilation.Assembly;
        }

        foreach (IAssemblySymbol referenced in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (referenced.Name == LibraryAssemblyName && IsGlobal(compilation.GetMetadataReference(referenced)))
            {
                return referenced;
            }
        }

        return null;
    }

    /// <summary>Whether the types of <paramref name="reference"/> are in the global namespace of the compilation (it has no extern alias, or also the global one).</summary>
    private static bool IsGlobal(MetadataReference? reference) =>
        reference is null || reference.Properties.Aliases.IsEmpty || reference.Properties.Aliases.Contains("global");

    /// <summary>Resolves the types only this assembly needs, after <see cref="FileStore"/> and <see cref="SessionIdAttribute"/>.</summary>
    partial void ResolveOwn(Compilation compilation);
}

using System;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using SessionStore.Analyzers.Flow;

namespace SessionStore.Analyzers;

/// <summary>
/// The types the rules and the generator look for, resolved once per compilation and shared by all of
/// them (<see cref="For"/>). Every match is by symbol, never by display string. All are null when the
/// compilation does not reference the library (then no rule has anything to do).
/// </summary>
internal sealed class KnownSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> PerCompilation = new();

    private readonly Lazy<GeneratorSymbols> _generator;

    private KnownSymbols(Compilation compilation)
    {
        // What the rules need is resolved now, and only when the library is referenced at all; what only the
        // generator needs, on its first use (most compilations the rules see have no [SessionStore] class).
        FileStore = compilation.GetTypeByMetadataName("SessionStore.FileSessionStore`1");
        if (FileStore is not null)
        {
            StoreInterface = compilation.GetTypeByMetadataName("SessionStore.ISessionStore`1");
            StoredSession = compilation.GetTypeByMetadataName("SessionStore.StoredSession");
            SessionDeleteException = compilation.GetTypeByMetadataName("SessionStore.SessionDeleteException");
            SessionIdAttribute = compilation.GetTypeByMetadataName("SessionStore.SessionIdAttribute");
            IOException = compilation.GetTypeByMetadataName("System.IO.IOException");
            DoesNotReturnAttribute = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
            LambdaExpression = compilation.GetTypeByMetadataName("System.Linq.Expressions.LambdaExpression");
            AggregateException = compilation.GetTypeByMetadataName("System.AggregateException");
            Runners = new DelegateRunners(compilation);
            Members = new StoreMembers(this);
        }

        _generator = new Lazy<GeneratorSymbols>(() => new GeneratorSymbols(compilation));
    }

    /// <summary>The attribute the generator completes classes for.</summary>
    internal const string SessionStoreAttributeName = "SessionStore.SessionStoreAttribute";

    internal INamedTypeSymbol? FileStore { get; }

    internal INamedTypeSymbol? StoreInterface { get; }

    internal INamedTypeSymbol? StoredSession { get; }

    internal INamedTypeSymbol? SessionDeleteException { get; }

    internal INamedTypeSymbol? SessionIdAttribute { get; }

    internal INamedTypeSymbol? IOException { get; }

    internal INamedTypeSymbol? DoesNotReturnAttribute { get; }

    internal INamedTypeSymbol? LambdaExpression { get; }

    internal INamedTypeSymbol? AggregateException { get; }

    /// <summary>Which calls run the delegates they are given before they return; null without the library.</summary>
    internal DelegateRunners? Runners { get; }

    /// <summary>Which methods belong to a session store and which of their parameters are session ids; null without the library.</summary>
    internal StoreMembers? Members { get; }

    /// <summary>The types only the generator needs, resolved on first use.</summary>
    internal GeneratorSymbols Generator => _generator.Value;

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
}

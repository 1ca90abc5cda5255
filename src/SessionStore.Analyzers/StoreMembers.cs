using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers;

/// <summary>
/// Which methods belong to a session store and which of their parameters and properties hold session
/// ids, decided by symbol. A store method is one the library declares on a store type
/// (<c>ISessionStore&lt;T&gt;</c>, <c>FileSessionStore&lt;T&gt;</c> and the types derived from it in the
/// library, <c>PostgresSessionStore&lt;T&gt;</c>; inherited by generated stores), a user's
/// implementation of an <c>ISessionStore&lt;T&gt;</c> member, or an override of either at any depth (a call
/// binds to the most derived override). Methods a user adds to a derived store are not.
/// </summary>
internal sealed class StoreMembers
{
    internal const string DeleteName = "Delete";
    internal const string DeleteAsyncName = "DeleteAsync";
    internal const string ListPageName = "ListPage";
    internal const string ListPageAsyncName = "ListPageAsync";
    internal const string RestoreFromQuarantineName = "RestoreFromQuarantine";
    internal const string RestoreFromQuarantineAsyncName = "RestoreFromQuarantineAsync";
    internal const string DeleteFromQuarantineName = "DeleteFromQuarantine";
    internal const string DeleteFromQuarantineAsyncName = "DeleteFromQuarantineAsync";

    /// <summary>The library's other assembly with a store type (<c>PostgresSessionStore&lt;T&gt;</c>), known by name so it is not looked up in every compilation.</summary>
    private const string PostgresAssemblyName = "SessionStore.Postgres";

    private readonly KnownSymbols _symbols;
    private readonly IAssemblySymbol _library;
    private readonly ImmutableArray<IMethodSymbol> _takesSession;
    private readonly IPropertySymbol? _storedSessionId;

    // The same few store methods are called all over a compilation: each is classified once.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _isStoreMethod = new(SymbolEqualityComparer.Default);

    internal StoreMembers(KnownSymbols symbols)
    {
        _symbols = symbols;
        _library = symbols.FileStore!.ContainingAssembly;

        // A contract member that takes the session itself reads the id from it: its string parameters
        // are something else (SaveIfMatch's expected revision).
        _takesSession = symbols.StoreInterface is null
            ? ImmutableArray<IMethodSymbol>.Empty
            : symbols.StoreInterface.GetMembers().OfType<IMethodSymbol>()
                .Where(m => m.Parameters.Length > 0 && m.Parameters[0].Type.TypeKind == TypeKind.TypeParameter)
                .ToImmutableArray();
        _storedSessionId = symbols.StoredSession?.GetMembers("SessionId").OfType<IPropertySymbol>().FirstOrDefault();
    }

    /// <summary>A store's <c>Delete</c> or <c>DeleteAsync</c>.</summary>
    internal bool IsDelete(IMethodSymbol method) =>
        // Every invocation of the compilation comes here: the name decides first. (An explicit
        // implementation is only called through the contract, whose method has this name.)
        method.Name is DeleteName or DeleteAsyncName && IsStoreMethod(method);

    /// <summary>Whether <paramref name="method"/> is a store method (see the class remarks).</summary>
    internal bool IsStoreMethod(IMethodSymbol method)
    {
        if (!_isStoreMethod.TryGetValue(method, out bool isStoreMethod))
        {
            isStoreMethod = ContractMemberOf(method) is not null || SelfAndOverridden(method).Any(m => IsLibraryStoreType(m.ContainingType));
            _isStoreMethod.TryAdd(method, isStoreMethod);
        }

        return isStoreMethod;
    }

    /// <summary>
    /// Whether an argument for <paramref name="parameter"/> is a session id: a string parameter of a store
    /// method (any name: <c>Fork(sourceId, newId)</c> has two) other than a revision, or the parameter of a
    /// record's constructor that becomes its session-id property.
    /// </summary>
    internal bool IsSessionIdParameter(IParameterSymbol parameter)
    {
        if (parameter.Type.SpecialType != SpecialType.System_String || parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return false;
        }

        if (method.MethodKind == MethodKind.Constructor)
        {
            return method.ContainingType.IsRecord &&
                method.ContainingType.GetMembers(parameter.Name).OfType<IPropertySymbol>().Any(IsSessionIdProperty);
        }

        // The paged listing's string is a page token (null for the first page), the quarantine's is a
        // quarantined file's name (an id with a suffix), and a catalog search's is the words searched for: never an id.
        if (method.Name is ListPageName or ListPageAsyncName or RestoreFromQuarantineName or RestoreFromQuarantineAsyncName
                or DeleteFromQuarantineName or DeleteFromQuarantineAsyncName or "Search" or "SearchAsync" ||
            !IsStoreMethod(method))
        {
            return false;
        }

        // A method that takes the id first never takes the session (only those have a revision to exclude).
        if (method.Parameters[0].Type.SpecialType == SpecialType.System_String)
        {
            return true;
        }

        IMethodSymbol? contract = ContractMemberOf(method);
        return contract is null || !_takesSession.Contains(contract, SymbolEqualityComparer.Default);
    }

    /// <summary><c>StoredSession.SessionId</c>, or a property marked <c>[SessionId]</c> (on it or on a property it overrides).</summary>
    internal bool IsSessionIdProperty(IPropertySymbol property)
    {
        if (KnownSymbols.FindInherited(property, _symbols.SessionIdAttribute) is not null)
        {
            return true;
        }

        for (IPropertySymbol? current = property; current is not null; current = current.OverriddenProperty)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _storedSessionId))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsLibraryStoreType(INamedTypeSymbol type)
    {
        INamedTypeSymbol original = type.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(original, _symbols.StoreInterface))
        {
            return true;
        }

        bool inLibrary = SymbolEqualityComparer.Default.Equals(original.ContainingAssembly, _library) ||
            original.ContainingAssembly?.Name == PostgresAssemblyName;
        return inLibrary && (KnownSymbols.IsOrDerivesFrom(original, _symbols.FileStore) || ImplementsContract(original));
    }

    private bool ImplementsContract(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, _symbols.StoreInterface));

    private static IEnumerable<IMethodSymbol> SelfAndOverridden(IMethodSymbol method)
    {
        for (IMethodSymbol? current = method; current is not null; current = current.OverriddenMethod)
        {
            yield return current;
        }
    }

    /// <summary>The <c>ISessionStore&lt;T&gt;</c> member (original definition) that <paramref name="method"/>, or a method it overrides, is or implements, if any.</summary>
    private IMethodSymbol? ContractMemberOf(IMethodSymbol method) =>
        SelfAndOverridden(method).Select(DeclaredContractMemberOf).FirstOrDefault(m => m is not null);

    private IMethodSymbol? DeclaredContractMemberOf(IMethodSymbol method)
    {
        INamedTypeSymbol? contract = _symbols.StoreInterface;
        if (contract is null)
        {
            return null;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, contract))
        {
            return method.OriginalDefinition;
        }

        foreach (IMethodSymbol explicitlyImplemented in method.ExplicitInterfaceImplementations)
        {
            if (SymbolEqualityComparer.Default.Equals(explicitlyImplemented.ContainingType.OriginalDefinition, contract))
            {
                return explicitlyImplemented.OriginalDefinition;
            }
        }

        foreach (INamedTypeSymbol implemented in method.ContainingType.AllInterfaces)
        {
            if (!SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
            {
                continue;
            }

            foreach (ISymbol member in implemented.GetMembers(method.Name))
            {
                if (member is IMethodSymbol contractMethod &&
                    SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member)?.OriginalDefinition, method.OriginalDefinition))
                {
                    return contractMethod.OriginalDefinition;
                }
            }
        }

        return null;
    }
}

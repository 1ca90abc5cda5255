using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers;

/// <summary>
/// The library's types, resolved once per compilation. A method belongs to a session store when it
/// is declared on <c>FileSessionStore&lt;T&gt;</c>, on a type derived from it (generated stores), or on
/// a store interface of the library (<c>ISessionStore&lt;T&gt;</c>) or one of its implementations.
/// </summary>
internal sealed class StoreSymbols
{
    internal const string DeleteMethodName = "Delete";
    internal const string DeleteAsyncMethodName = "DeleteAsync";

    private StoreSymbols(INamedTypeSymbol fileStore, INamedTypeSymbol? storeInterface, Compilation compilation)
    {
        FileStore = fileStore;
        StoreInterface = storeInterface;
        SessionDeleteException = compilation.GetTypeByMetadataName("SessionStore.SessionDeleteException");
        IOException = compilation.GetTypeByMetadataName("System.IO.IOException");
        StoredSession = compilation.GetTypeByMetadataName("SessionStore.StoredSession");
    }

    internal INamedTypeSymbol FileStore { get; }

    internal INamedTypeSymbol? StoreInterface { get; }

    internal INamedTypeSymbol? SessionDeleteException { get; }

    internal INamedTypeSymbol? IOException { get; }

    internal INamedTypeSymbol? StoredSession { get; }

    /// <summary>Null when the compilation does not reference SessionStore: then no rule has anything to do.</summary>
    internal static StoreSymbols? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? fileStore = compilation.GetTypeByMetadataName("SessionStore.FileSessionStore`1");
        return fileStore is null
            ? null
            : new StoreSymbols(fileStore, compilation.GetTypeByMetadataName("SessionStore.ISessionStore`1"), compilation);
    }

    internal bool IsStoreDelete(IMethodSymbol method) =>
        (method.Name == DeleteMethodName || method.Name == DeleteAsyncMethodName) && IsStoreMember(method);

    internal bool IsStoreMember(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (IsStoreType(type))
        {
            return true;
        }

        // A class that implements the store interface itself (not derived from FileSessionStore<T>).
        if (StoreInterface is null)
        {
            return false;
        }

        foreach (INamedTypeSymbol implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, StoreInterface))
            {
                foreach (ISymbol member in implemented.GetMembers(method.Name))
                {
                    ISymbol? implementation = type.FindImplementationForInterfaceMember(member);
                    if (SymbolEqualityComparer.Default.Equals(implementation?.OriginalDefinition, method.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsStoreType(INamedTypeSymbol type)
    {
        if (StoreInterface is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, StoreInterface))
        {
            return true;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, FileStore))
            {
                return true;
            }
        }

        return false;
    }
}

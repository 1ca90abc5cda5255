using Microsoft.CodeAnalysis;
using SessionStore.Analyzers.Flow;

namespace SessionStore.Analyzers;

/// <summary>The types only the rules need (see the shared part, <c>KnownSymbols.cs</c>).</summary>
internal sealed partial class KnownSymbols
{
    internal INamedTypeSymbol? StoreInterface { get; private set; }

    internal INamedTypeSymbol? StoredSession { get; private set; }

    internal INamedTypeSymbol? SessionDeleteException { get; private set; }

    internal INamedTypeSymbol? IOException { get; private set; }

    internal INamedTypeSymbol? DoesNotReturnAttribute { get; private set; }

    internal INamedTypeSymbol? LambdaExpression { get; private set; }

    internal INamedTypeSymbol? AggregateException { get; private set; }

    /// <summary>Which calls run the delegates they are given before they return; null without the library.</summary>
    internal DelegateRunners? Runners { get; private set; }

    /// <summary>Which methods belong to a session store and which of their parameters are session ids; null without the library.</summary>
    internal StoreMembers? Members { get; private set; }

    /// <summary>Only when the library is referenced at all; all stay null otherwise (then no rule has anything to do).</summary>
    partial void ResolveOwn(Compilation compilation)
    {
        if (FileStore is null)
        {
            return;
        }

        StoreInterface = compilation.GetTypeByMetadataName("SessionStore.ISessionStore`1");
        StoredSession = compilation.GetTypeByMetadataName("SessionStore.StoredSession");
        SessionDeleteException = compilation.GetTypeByMetadataName("SessionStore.SessionDeleteException");
        IOException = compilation.GetTypeByMetadataName("System.IO.IOException");
        DoesNotReturnAttribute = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
        LambdaExpression = compilation.GetTypeByMetadataName("System.Linq.Expressions.LambdaExpression");
        AggregateException = compilation.GetTypeByMetadataName("System.AggregateException");
        Runners = new DelegateRunners(compilation);
        Members = new StoreMembers(this);
    }
}

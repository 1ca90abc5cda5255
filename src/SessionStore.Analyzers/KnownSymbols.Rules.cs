using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using SessionStore.Analyzers.Flow;

namespace SessionStore.Analyzers;

/// <summary>The types only the rules need (see the shared part, <c>KnownSymbols.cs</c>).</summary>
/// <remarks>
/// The library's types come from its assembly at once; the framework's are looked up (<see cref="Lookup"/>)
/// only when a rule first needs one, and a rule compares a candidate's name before it asks for one.
/// </remarks>
internal sealed partial class KnownSymbols
{
    private Lazy<INamedTypeSymbol?>? _ioException;
    private Lazy<INamedTypeSymbol?>? _doesNotReturnAttribute;
    private Lazy<INamedTypeSymbol?>? _lambdaExpression;
    private Lazy<INamedTypeSymbol?>? _aggregateException;
    private Lazy<INamedTypeSymbol?>? _generatedCodeAttribute;

    internal INamedTypeSymbol? StoreInterface { get; private set; }

    internal INamedTypeSymbol? StoredSession { get; private set; }

    internal INamedTypeSymbol? SessionDeleteException { get; private set; }

    internal INamedTypeSymbol? IOException => _ioException?.Value;

    internal INamedTypeSymbol? DoesNotReturnAttribute => _doesNotReturnAttribute?.Value;

    internal INamedTypeSymbol? LambdaExpression => _lambdaExpression?.Value;

    internal INamedTypeSymbol? AggregateException => _aggregateException?.Value;

    /// <summary><c>System.CodeDom.Compiler.GeneratedCodeAttribute</c> (see <see cref="GeneratedCode"/>).</summary>
    internal INamedTypeSymbol? GeneratedCodeAttribute => _generatedCodeAttribute?.Value;

    /// <summary>Which calls run the delegates they are given before they return; null without the library.</summary>
    internal DelegateRunners? Runners { get; private set; }

    /// <summary>Which methods belong to a session store and which of their parameters are session ids; null without the library.</summary>
    internal StoreMembers? Members { get; private set; }

    /// <summary>
    /// A type of the compilation, looked up on first use in <see cref="Compilation.GetTypeByMetadataName"/>'s
    /// order: the compilation's own assembly, then the core library, then every reference (the type must be in
    /// only one). The first two are one assembly each; only a type found in neither pays for the search of
    /// every reference, which reads each one's forwarded types.
    /// </summary>
    internal static Lazy<INamedTypeSymbol?> Lookup(Compilation compilation, string metadataName) =>
        new(
            () => compilation.Assembly.GetTypeByMetadataName(metadataName) ??
                compilation.ObjectType.ContainingAssembly?.GetTypeByMetadataName(metadataName) ??
                compilation.GetTypeByMetadataName(metadataName),
            LazyThreadSafetyMode.PublicationOnly);

    /// <summary>Only when the library is referenced at all; all stay null otherwise (then no rule has anything to do).</summary>
    partial void ResolveOwn(Compilation compilation)
    {
        if (FileStore is null)
        {
            return;
        }

        IAssemblySymbol library = FileStore.ContainingAssembly;
        StoreInterface = library.GetTypeByMetadataName("SessionStore.ISessionStore`1");
        StoredSession = library.GetTypeByMetadataName("SessionStore.StoredSession");
        SessionDeleteException = library.GetTypeByMetadataName("SessionStore.SessionDeleteException");
        _ioException = Lookup(compilation, "System.IO.IOException");
        _doesNotReturnAttribute = Lookup(compilation, "System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
        _lambdaExpression = Lookup(compilation, "System.Linq.Expressions.LambdaExpression");
        _aggregateException = Lookup(compilation, "System.AggregateException");
        _generatedCodeAttribute = Lookup(compilation, "System.CodeDom.Compiler.GeneratedCodeAttribute");
        Runners = new DelegateRunners(compilation);
        Members = new StoreMembers(this);
    }
}

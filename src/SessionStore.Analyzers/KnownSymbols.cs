using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers;

/// <summary>
/// The types the rules and the generator look for, resolved once per compilation and shared by all of
/// them (<see cref="For"/>). Every match is by symbol, never by display string. All are null when the
/// compilation does not reference the library (then no rule has anything to do).
/// </summary>
internal sealed class KnownSymbols
{
    private static readonly ConditionalWeakTable<Compilation, KnownSymbols> PerCompilation = new();

    private KnownSymbols(Compilation compilation)
    {
        FileStore = compilation.GetTypeByMetadataName("SessionStore.FileSessionStore`1");
        StoreInterface = compilation.GetTypeByMetadataName("SessionStore.ISessionStore`1");
        StoredSession = compilation.GetTypeByMetadataName("SessionStore.StoredSession");
        SessionDeleteException = compilation.GetTypeByMetadataName("SessionStore.SessionDeleteException");
        SessionIdAttribute = compilation.GetTypeByMetadataName("SessionStore.SessionIdAttribute");
        SessionStoreAttribute = compilation.GetTypeByMetadataName(SessionStoreAttributeName);
        SessionMigrationAttribute = compilation.GetTypeByMetadataName("SessionStore.SessionMigrationAttribute");
        FileStoreOptions = compilation.GetTypeByMetadataName("SessionStore.FileSessionStoreOptions");
        PostgresStore = compilation.GetTypeByMetadataName("SessionStore.Postgres.PostgresSessionStore`1");
        NpgsqlDataSource = compilation.GetTypeByMetadataName("Npgsql.NpgsqlDataSource");
        IOException = compilation.GetTypeByMetadataName("System.IO.IOException");
        JsonSerializerContext = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        JsonSerializableAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        JsonObject = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        ExceptionDispatchInfo = compilation.GetTypeByMetadataName("System.Runtime.ExceptionServices.ExceptionDispatchInfo");
        DoesNotReturnAttribute = compilation.GetTypeByMetadataName("System.Diagnostics.CodeAnalysis.DoesNotReturnAttribute");
        LambdaExpression = compilation.GetTypeByMetadataName("System.Linq.Expressions.LambdaExpression");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        Members = FileStore is null ? null : new StoreMembers(this);
        PostgresFactoryFits = PostgresStore is not null && NpgsqlDataSource is not null &&
            PostgresStore.InstanceConstructors.Any(IsTheFactoryConstructor);
    }

    /// <summary>The attribute the generator completes classes for.</summary>
    internal const string SessionStoreAttributeName = "SessionStore.SessionStoreAttribute";

    internal INamedTypeSymbol? FileStore { get; }

    internal INamedTypeSymbol? StoreInterface { get; }

    internal INamedTypeSymbol? StoredSession { get; }

    internal INamedTypeSymbol? SessionDeleteException { get; }

    internal INamedTypeSymbol? SessionIdAttribute { get; }

    internal INamedTypeSymbol? SessionStoreAttribute { get; }

    internal INamedTypeSymbol? SessionMigrationAttribute { get; }

    internal INamedTypeSymbol? FileStoreOptions { get; }

    internal INamedTypeSymbol? PostgresStore { get; }

    internal INamedTypeSymbol? NpgsqlDataSource { get; }

    internal INamedTypeSymbol? IOException { get; }

    internal INamedTypeSymbol? JsonSerializerContext { get; }

    internal INamedTypeSymbol? JsonSerializableAttribute { get; }

    internal INamedTypeSymbol? JsonObject { get; }

    internal INamedTypeSymbol? ExceptionDispatchInfo { get; }

    internal INamedTypeSymbol? DoesNotReturnAttribute { get; }

    internal INamedTypeSymbol? LambdaExpression { get; }

    internal INamedTypeSymbol? Task { get; }

    internal INamedTypeSymbol? ValueTaskOfT { get; }

    /// <summary>
    /// Whether the compilation references the PostgreSQL backend and Npgsql, and the backend has the
    /// constructor a generated <c>ForPostgres</c> calls: only then is the factory emitted, so a backend
    /// of another shape never makes the generated code fail to compile.
    /// </summary>
    internal bool PostgresFactoryFits { get; }

    /// <summary>Which methods belong to a session store and which of their parameters are session ids; null without the library.</summary>
    internal StoreMembers? Members { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, resolved on the first call for it.</summary>
    internal static KnownSymbols For(Compilation compilation) =>
        PerCompilation.GetValue(compilation, static c => new KnownSymbols(c));

    /// <summary><c>(NpgsqlDataSource dataSource, string table, JsonTypeInfo&lt;T&gt; typeInfo, Func&lt;T, string&gt; sessionIdOf, Action&lt;T&gt;? validate, PostgresSessionStoreOptions? options)</c>.</summary>
    private bool IsTheFactoryConstructor(IMethodSymbol constructor) =>
        constructor.DeclaredAccessibility == Accessibility.Public &&
        constructor.Parameters.Length == 6 &&
        SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, NpgsqlDataSource) &&
        constructor.Parameters[1].Type.SpecialType == SpecialType.System_String &&
        constructor.Parameters[4].Name == "validate" &&
        constructor.Parameters[5].Type.Name == "PostgresSessionStoreOptions";

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
    internal static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null)
        {
            return false;
        }

        foreach (AttributeData data in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}

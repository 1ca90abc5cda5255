using System.Linq;
using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers;

/// <summary>
/// The types only the generator needs (see the shared part, <c>KnownSymbols.cs</c> of SessionStore.Analyzers,
/// linked here), in that part's namespace. The generator asks for them only for a <c>[SessionStore]</c> class,
/// so they are resolved at once.
/// </summary>
internal sealed partial class KnownSymbols
{
    /// <summary>The attribute the generator completes classes for.</summary>
    internal const string SessionStoreAttributeName = "SessionStore.SessionStoreAttribute";

    partial void ResolveOwn(Compilation compilation)
    {
        SessionMigrationAttribute = compilation.GetTypeByMetadataName("SessionStore.SessionMigrationAttribute");
        SessionItemsAttribute = compilation.GetTypeByMetadataName("SessionStore.SessionItemsAttribute");
        ReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        JsonPropertyNameAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonPropertyNameAttribute");
        FileStoreOptions = compilation.GetTypeByMetadataName("SessionStore.FileSessionStoreOptions");
        JsonSerializerContext = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializerContext");
        JsonSerializableAttribute = compilation.GetTypeByMetadataName("System.Text.Json.Serialization.JsonSerializableAttribute");
        JsonObject = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        FileStoreFactory = compilation.GetTypeByMetadataName("SessionStore.IFileSessionStoreFactory`1");
        INamedTypeSymbol? postgresStore = compilation.GetTypeByMetadataName("SessionStore.Postgres.PostgresSessionStore`1");
        INamedTypeSymbol? dataSource = compilation.GetTypeByMetadataName("Npgsql.NpgsqlDataSource");
        INamedTypeSymbol? descriptor = compilation.GetTypeByMetadataName("SessionStore.SessionDescriptor`1");
        PostgresFactoryFits = postgresStore is not null && dataSource is not null &&
            postgresStore.InstanceConstructors.Any(c => IsTheFactoryConstructor(c, dataSource, descriptor));
    }

    internal INamedTypeSymbol? SessionMigrationAttribute { get; private set; }

    internal INamedTypeSymbol? SessionItemsAttribute { get; private set; }

    internal INamedTypeSymbol? ReadOnlyList { get; private set; }

    internal INamedTypeSymbol? JsonPropertyNameAttribute { get; private set; }

    internal INamedTypeSymbol? FileStoreOptions { get; private set; }

    internal INamedTypeSymbol? JsonSerializerContext { get; private set; }

    internal INamedTypeSymbol? JsonSerializableAttribute { get; private set; }

    internal INamedTypeSymbol? JsonObject { get; private set; }

    /// <summary><c>IFileSessionStoreFactory&lt;TStore&gt;</c>, which a generated store implements for DI; null with a library that predates it.</summary>
    internal INamedTypeSymbol? FileStoreFactory { get; private set; }

    /// <summary>
    /// Whether the compilation references the PostgreSQL backend and Npgsql, and the backend has the
    /// constructor a generated <c>ForPostgres</c> calls: only then is the factory emitted, so a backend
    /// of another shape never makes the generated code fail to compile.
    /// </summary>
    internal bool PostgresFactoryFits { get; private set; }

    /// <summary><c>(NpgsqlDataSource dataSource, string table, SessionDescriptor&lt;T&gt; descriptor, PostgresSessionStoreOptions? options)</c>.</summary>
    private static bool IsTheFactoryConstructor(IMethodSymbol constructor, INamedTypeSymbol dataSource, INamedTypeSymbol? descriptor) =>
        constructor.DeclaredAccessibility == Accessibility.Public &&
        constructor.Parameters.Length == 4 &&
        SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, dataSource) &&
        constructor.Parameters[1].Type.SpecialType == SpecialType.System_String &&
        SymbolEqualityComparer.Default.Equals(constructor.Parameters[2].Type.OriginalDefinition, descriptor) &&
        constructor.Parameters[3].Type.Name == "PostgresSessionStoreOptions";
}

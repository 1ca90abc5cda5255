using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionStore.Analyzers.Tests.Verifiers;

namespace SessionStore.Analyzers.Tests.Rules;

/// <summary>
/// SS0003 finds session ids by symbol, not by name: every string parameter of a library store method is an
/// id except the contract's revision (ETag). This holds the rule to the real assemblies: a store method
/// added later with a string that is not an id (or an id the rule would miss) fails here until
/// <see cref="StoreMembers"/> says what it is.
/// </summary>
public sealed class StoreMembersTests
{
    [Fact]
    public void EveryStringParameter_OfTheLibrarysStores_IsAnIdExactlyWhenItNamesOne()
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Members",
            references: [.. Basic.Reference.Assemblies.Net100.References.All, TestReferences.SessionStore,
                MetadataReference.CreateFromFile(typeof(SessionStore.Postgres.PostgresSessionStore<>).Assembly.Location),
                MetadataReference.CreateFromFile(typeof(Npgsql.NpgsqlDataSource).Assembly.Location)]);
        StoreMembers members = KnownSymbols.For(compilation).Members!;
        string[] storeTypes = ["SessionStore.ISessionStore`1", "SessionStore.FileSessionStore`1", "SessionStore.FileSessionStore", "SessionStore.Postgres.PostgresSessionStore`1"];

        var checkedParameters = new List<string>();
        foreach (INamedTypeSymbol type in storeTypes.Select(name => compilation.GetTypeByMetadataName(name)!))
        {
            foreach (IMethodSymbol method in type.GetMembers().OfType<IMethodSymbol>().Where(m => m.DeclaredAccessibility == Accessibility.Public && m.MethodKind == MethodKind.Ordinary))
            {
                foreach (IParameterSymbol parameter in method.Parameters.Where(p => p.Type.SpecialType == SpecialType.System_String))
                {
                    bool namesAnId = parameter.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase);
                    Assert.True(namesAnId == members.IsSessionIdParameter(parameter), $"{type.Name}.{method.Name}({parameter.Name}): the rule says {(namesAnId ? "not an id" : "an id")}");
                    checkedParameters.Add($"{type.Name}.{method.Name}.{parameter.Name}");
                }
            }
        }

        Assert.Contains("FileSessionStore.Fork.newId", checkedParameters);
        Assert.Contains("ISessionStore.SaveIfMatch.expectedETag", checkedParameters);
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SessionStore.Analyzers.Tests.Verifiers;

/// <summary>
/// Hermetic, offline references: .NET 10's reference assemblies from Basic.Reference.Assemblies (the
/// testing library's own Net100 set asks NuGet for packs not served here) plus the real SessionStore.dll.
/// </summary>
internal static class TestReferences
{
    internal static readonly ReferenceAssemblies None = new("net10.0");

    internal static readonly MetadataReference SessionStore = MetadataReference.CreateFromFile(typeof(FileSessionStore).Assembly.Location);

    internal static void AddTo(SolutionState state)
    {
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(SessionStore);
    }

    /// <summary>The usings every test source starts with.</summary>
    internal const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;
        using SessionStore;

        """;
}

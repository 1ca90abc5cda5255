using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SessionStore.Analyzers.Tests.Verifiers;

/// <summary>Applies one code action (by equivalence key) to every diagnostic, one at a time and with Fix All, and compares with the fixed source, which must compile.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    internal static Task VerifyAsync(string source, string fixedSource, string equivalenceKey, int? iterations = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            FixedCode = TestReferences.Usings + fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
            ReferenceAssemblies = TestReferences.None,
        };
        if (iterations is { } count)
        {
            test.NumberOfIncrementalIterations = count;
            test.NumberOfFixAllIterations = 1;
        }

        TestReferences.AddTo(test.TestState);
        TestReferences.AddTo(test.FixedState);
        return test.RunAsync();
    }

    /// <summary>Checks that no action with this key is offered for the marked diagnostics.</summary>
    internal static Task VerifyNotOfferedAsync(string source, string equivalenceKey)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = TestReferences.Usings + source,
            FixedCode = TestReferences.Usings + source,
            CodeActionEquivalenceKey = equivalenceKey,
            ReferenceAssemblies = TestReferences.None,
        };
        TestReferences.AddTo(test.TestState);
        TestReferences.AddTo(test.FixedState);
        return test.RunAsync();
    }
}

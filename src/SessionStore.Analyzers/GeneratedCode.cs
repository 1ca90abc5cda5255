using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SessionStore.Analyzers;

/// <summary>
/// Where the rules report nothing: generated code, as the compiler counts it. The compiler leaves generated
/// files and declarations out of the rules' analysis itself (<see cref="Flags"/> has no <c>Analyze</c>).
/// It would also check every diagnostic's location, but the first check of a file reads all of the file's
/// tokens, once per file with a diagnostic, and that was most of what the rules cost in a build; so the
/// rules ask it to report what they find (<c>ReportDiagnostics</c>) and make the same check of the
/// location themselves (<see cref="Report"/>): a hidden region, or a declaration around it marked
/// <c>[GeneratedCode]</c> when its file names that attribute (the only case that reads the file's tokens).
/// </summary>
internal static class GeneratedCode
{
    /// <summary>What every rule passes to <see cref="AnalysisContext.ConfigureGeneratedCodeAnalysis"/>.</summary>
    internal const GeneratedCodeAnalysisFlags Flags = GeneratedCodeAnalysisFlags.ReportDiagnostics;

    private static readonly ConditionalWeakTable<SyntaxTree, object> NamesTheAttribute = new();

    /// <summary>Reports <paramref name="diagnostic"/> unless its location is generated code.</summary>
    internal static void Report(OperationAnalysisContext context, Diagnostic diagnostic, KnownSymbols symbols)
    {
        if (!Contains(diagnostic.Location, context.ContainingSymbol, symbols.GeneratedCodeAttribute))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }

    private static bool Contains(Location location, ISymbol containingSymbol, INamedTypeSymbol? generatedCodeAttribute)
    {
        if (location.SourceTree is not { } tree)
        {
            return false;
        }

        // A hidden region, and (once a file has one) everything before its first #line directive.
        if (tree.HasHiddenRegions() &&
            tree.GetLineVisibility(location.SourceSpan.Start) is LineVisibility.Hidden or LineVisibility.BeforeFirstLineDirective)
        {
            return true;
        }

        return generatedCodeAttribute is not null && IsMarked(containingSymbol, generatedCodeAttribute) && NamesGeneratedCode(tree);
    }

    /// <summary>The member (an accessor through its property or event too) or a type around it carries the attribute; a local function is not a member.</summary>
    private static bool IsMarked(ISymbol member, INamedTypeSymbol generatedCodeAttribute)
    {
        if (member is IMethodSymbol { AssociatedSymbol: { } associated } && KnownSymbols.HasAttribute(associated, generatedCodeAttribute))
        {
            return true;
        }

        for (ISymbol? current = member; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            if (KnownSymbols.HasAttribute(current, generatedCodeAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the file has a <c>GeneratedCode</c> or <c>GeneratedCodeAttribute</c> token: the compiler counts a mark only then.</summary>
    private static bool NamesGeneratedCode(SyntaxTree tree) =>
        NamesTheAttribute.GetValue(tree, static t =>
        {
            foreach (SyntaxToken token in t.GetRoot().DescendantTokens())
            {
                if (token.ValueText is "GeneratedCode" or "GeneratedCodeAttribute")
                {
                    return true;
                }
            }

            return false;
        }) is true;
}

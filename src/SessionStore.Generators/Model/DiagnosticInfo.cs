using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SessionStore.Generators.Model;

/// <summary>
/// A diagnostic as plain values (id, file, span, message arguments), so a model that carries it stays
/// equatable and holds no syntax tree. <see cref="ToDiagnostic"/> puts it back on the tree of the
/// current compilation, where <c>#pragma</c> and <c>.editorconfig</c> apply to it.
/// </summary>
/// <param name="Id">The descriptor's id (one of <see cref="GeneratorDiagnostics.All"/>).</param>
/// <param name="FilePath">The path of the syntax tree it is reported in, or null for no location.</param>
/// <param name="Span">The span in that tree.</param>
/// <param name="Arguments">The message arguments, formatted.</param>
internal sealed record DiagnosticInfo(string Id, string? FilePath, TextSpan Span, EquatableArray<string> Arguments)
{
    internal static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location location, object[] arguments) =>
        new(
            descriptor.Id,
            location.IsInSource ? location.SourceTree!.FilePath : null,
            location.IsInSource ? location.SourceSpan : default,
            new EquatableArray<string>(arguments.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? string.Empty)));

    internal Diagnostic ToDiagnostic(Compilation compilation)
    {
        DiagnosticDescriptor descriptor = GeneratorDiagnostics.All.First(d => d.Id == Id);
        SyntaxTree? tree = FilePath is null ? null : compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == FilePath);
        Location location = tree is null ? Location.None : Location.Create(tree, Span);
        return Diagnostic.Create(descriptor, location, Arguments.Cast<object>().ToArray());
    }
}

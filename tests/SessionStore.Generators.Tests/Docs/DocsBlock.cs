namespace SessionStore.Generators.Tests.Docs;

/// <summary>One <c>```csharp</c> block of a Markdown file, with what its <c>docs-compile</c> marker says (see <see cref="DocsBlocks"/>).</summary>
/// <param name="File">The Markdown file, relative to the repository root, with '/'.</param>
/// <param name="Line">The line of the opening fence (1-based).</param>
/// <param name="Code">The block's text.</param>
/// <param name="Marker">The words of the marker comment before the fence, or empty.</param>
internal sealed record DocsBlock(string File, int Line, string Code, string[] Marker)
{
    internal bool IsFragment => Marker.Contains("fragment");

    internal bool Continues => Marker.Contains("continues");

    /// <summary>Each line (not blank, not a comment) is a program of its own.</summary>
    internal bool LineByLine => Marker.Contains("lines");

    /// <summary>The SS/SSG diagnostics the block must report (every line must, line by line), none when empty.</summary>
    internal string[] Expected => Marker.SkipWhile(w => w != "expect").Skip(1).TakeWhile(w => w.StartsWith("SS", StringComparison.Ordinal)).ToArray();

    public override string ToString() => $"{File}:{Line}";
}

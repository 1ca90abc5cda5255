using System.Text.RegularExpressions;

namespace SessionStore.Generators.Tests.Docs;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/**/*.md. A block may be preceded (on the line before
/// its fence, blank lines aside) by a marker, <c>&lt;!-- docs-compile: WORDS --&gt;</c>, whose words are:
/// <c>continues</c> (compiled together with the block before it, each in a file of its own: declarations
/// and statements that use them), <c>lines</c> (every line that is not blank or a comment is a program of
/// its own: the forms an analyzer page lists), <c>expect SS0001 ...</c> (the block, or every line, reports
/// exactly these SS/SSG diagnostics; without it, none), <c>fragment</c> (not compiled: kept for the few
/// blocks that cannot be, such as generated code shown abridged). CONTRIBUTING.md describes the convention.
/// </summary>
internal static partial class DocsBlocks
{
    internal static IReadOnlyList<DocsBlock> All { get; } = Read();

    private static List<DocsBlock> Read()
    {
        var blocks = new List<DocsBlock>();
        IEnumerable<string> files = Directory.EnumerateFiles(Path.Combine(Repository.Root, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(Repository.Root, "README.md"))
            .Order(StringComparer.Ordinal);
        foreach (string path in files)
        {
            string file = Path.GetRelativePath(Repository.Root, path).Replace('\\', '/');
            string[] lines = File.ReadAllLines(path);
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```csharp")
                {
                    continue;
                }

                int end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
                int before = i - 1;
                while (before >= 0 && lines[before].Trim().Length == 0)
                {
                    before--;
                }

                Match marker = before >= 0 ? Marker().Match(lines[before]) : Match.Empty;
                string[] words = marker.Success ? marker.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
                blocks.Add(new DocsBlock(file, i + 1, string.Join('\n', lines[(i + 1)..end]), words));
                i = end;
            }
        }

        return blocks;
    }

    [GeneratedRegex(@"^\s*<!--\s*docs-compile:\s*(.*?)\s*-->\s*$")]
    private static partial Regex Marker();
}

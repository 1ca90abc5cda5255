using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace SessionStore.Generators.Tests.TestSupport;

/// <summary>Sources with <c>{|SSG0001:text|}</c> marks: the plain source and the expected (id, span) of each mark.</summary>
internal static partial class DiagnosticMarkup
{
    internal static (string Source, IReadOnlyList<(string Id, TextSpan Span)> Expected) Parse(string markup)
    {
        var source = new StringBuilder();
        var expected = new List<(string, TextSpan)>();
        int last = 0;
        foreach (Match mark in Mark().Matches(markup))
        {
            source.Append(markup, last, mark.Index - last);
            int start = source.Length;
            source.Append(mark.Groups["text"].Value);
            expected.Add((mark.Groups["id"].Value, TextSpan.FromBounds(start, source.Length)));
            last = mark.Index + mark.Length;
        }

        source.Append(markup, last, markup.Length - last);
        return (source.ToString(), expected);
    }

    [GeneratedRegex(@"\{\|(?<id>[A-Z]+\d+):(?<text>.*?)\|\}", RegexOptions.Singleline)]
    private static partial Regex Mark();
}

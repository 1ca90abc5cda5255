using System.Text;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Makes text from a store safe to print on a terminal: a message's content, an author's name or a planted file's name
/// may hold escape sequences that recolour, move the cursor, set the window title or rewrite the screen, or bidi controls
/// that show text in another order than it is stored. Each such character is printed as a visible escape instead
/// (<c>\e</c> for ESC, <c>\xNN</c> for other C0, DEL and C1 controls, <c>\u{NNNN}</c> for bidi and line separators);
/// tabs, and every other character, print as they are.
/// </summary>
internal static class ControlCharacters
{
    /// <summary><paramref name="text"/> with each control character replaced by its visible escape, <paramref name="mark"/> styling each escape.</summary>
    internal static string Escape(string text, Func<string, string>? mark = null)
    {
        int first = text.AsSpan().IndexOfAnyInRange('\0', '\u001f');
        if (first < 0 && !text.AsSpan().ContainsAny(Others))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (Visible(c) is { } visible)
            {
                escaped.Append(mark is null ? visible : mark(visible));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Others = System.Buffers.SearchValues.Create(
        "\u007f\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008a\u008b\u008c\u008d\u008e\u008f" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009a\u009b\u009c\u009d\u009e\u009f" +
        "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069");

    private static string? Visible(char c) => c switch
    {
        '\t' => null,
        '\u001b' => "\\e",
        < '\u0020' or (>= '\u007f' and <= '\u009f') => $"\\x{(int)c:x2}",
        _ when Others.Contains(c) => $"\\u{{{(int)c:x4}}}",
        _ => null,
    };
}

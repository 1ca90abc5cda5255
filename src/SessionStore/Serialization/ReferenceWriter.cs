using System.Buffers;
using System.Globalization;
using System.Text;
using SessionStore.Buffers;

namespace SessionStore.Serialization;

/// <summary>
/// Writes <see cref="StoredSession"/>s byte for byte as the Python module's <c>save_session</c> does
/// (<c>json.dumps(asdict(session), indent=2)</c>): ASCII only, every other character as a lowercase
/// <c>\uXXXX</c> escape (astral characters as surrogate pairs), <c>\n \r \t \b \f \" \\</c> as short
/// escapes, two-space indentation, <c>", "</c> and <c>": "</c> separators, no trailing newline. So the
/// Python module reads what this store writes under any locale, and the file's tail has one known shape
/// that an append can extend in place (<see cref="Tail"/>).
/// </summary>
internal static class ReferenceWriter
{
    private const string ItemIndent = "\n    ";
    private static readonly SearchValues<char> Plain = SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    internal static void Write(PooledBytes output, StoredSession session)
    {
        WriteAscii(output, "{\n  \"session_id\": ");
        WriteString(output, session.SessionId);
        WriteAscii(output, ",\n  \"messages\": [");
        WriteTail(output, hadMessages: false, session.Messages, session.InputTokens, session.OutputTokens);
    }

    /// <summary>
    /// The bytes from the end of the last message (or from just after <c>[</c> when there is none) to
    /// the end of the file, after <paramref name="messages"/> are added and the totals are the given ones.
    /// </summary>
    internal static void WriteTail(PooledBytes output, bool hadMessages, IReadOnlyList<string> messages, long inputTokens, long outputTokens)
    {
        for (int i = 0; i < messages.Count; i++)
        {
            WriteAscii(output, i == 0 && !hadMessages ? ItemIndent : "," + ItemIndent);
            WriteString(output, messages[i]);
        }

        WriteAscii(output, hadMessages || messages.Count > 0 ? "\n  ]" : "]");
        WriteAscii(output, string.Create(CultureInfo.InvariantCulture, $",\n  \"input_tokens\": {inputTokens},\n  \"output_tokens\": {outputTokens}\n}}"));
    }

    internal static byte[] Tail(bool hadMessages, IReadOnlyList<string> messages, long inputTokens, long outputTokens)
    {
        using var tail = new PooledBytes(256);
        WriteTail(tail, hadMessages, messages, inputTokens, outputTokens);
        return tail.Span.ToArray();
    }

    private static void WriteString(PooledBytes output, string text)
    {
        WriteAscii(output, "\"");
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            int special = rest.IndexOfAnyExcept(Plain);
            ReadOnlySpan<char> plain = special < 0 ? rest : rest[..special];
            if (!plain.IsEmpty)
            {
                int written = Encoding.ASCII.GetBytes(plain, output.GetSpan(plain.Length));
                output.Advance(written);
            }

            if (special < 0)
            {
                break;
            }

            WriteEscape(output, rest[special]);
            rest = rest[(special + 1)..];
        }

        WriteAscii(output, "\"");
    }

    private static void WriteEscape(PooledBytes output, char c)
    {
        string? shortEscape = c switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => null,
        };
        if (shortEscape is not null)
        {
            WriteAscii(output, shortEscape);
            return;
        }

        Span<byte> escape = output.GetSpan(6);
        escape[0] = (byte)'\\';
        escape[1] = (byte)'u';
        ((int)c).TryFormat(escape[2..6], out _, "x4", CultureInfo.InvariantCulture);
        output.Advance(6);
    }

    private static void WriteAscii(PooledBytes output, string text)
    {
        int written = Encoding.ASCII.GetBytes(text, output.GetSpan(text.Length));
        output.Advance(written);
    }
}

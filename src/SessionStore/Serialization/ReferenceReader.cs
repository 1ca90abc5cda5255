using System.Buffers;
using System.Text;

namespace SessionStore.Serialization;

/// <summary>
/// Reads a file in exactly the shape <see cref="ReferenceWriter"/> (and the Python module) writes, with
/// vectorised scans and one allocation per string: a run of plain ASCII is widened straight into its
/// string, escapes are decoded into a pooled buffer first. It gives up (returns null) at the first byte
/// it is not sure of — another layout, raw UTF-8, a lone surrogate, anything invalid — and the caller
/// then reads the file with the general reader, which is the one that reports errors. So it accepts
/// only what the general reader accepts, and reads it to the same session.
/// </summary>
internal static class ReferenceReader
{
    // Everything that ends a run of plain characters: the quote, the backslash, control characters and non-ASCII.
    private static readonly SearchValues<byte> NotPlain = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

    /// <summary>The session, or null when the bytes are not in the writer's exact shape (they may still be a valid session).</summary>
    internal static StoredSession? TryRead(ReadOnlySpan<byte> utf8)
    {
        char[]? scratch = null;
        var messages = new Buffers.PooledList<string>();
        try
        {
            if (!Skip(ref utf8, "{\n  \"session_id\": "u8) || ReadString(ref utf8, ref scratch) is not { } id ||
                !Skip(ref utf8, ",\n  \"messages\": ["u8))
            {
                return null;
            }

            if (!Skip(ref utf8, "]"u8))
            {
                ReadOnlySpan<byte> separator = "\n    "u8;
                do
                {
                    if (!Skip(ref utf8, separator) || ReadString(ref utf8, ref scratch) is not { } message)
                    {
                        return null;
                    }

                    messages.Add(message);
                    separator = ",\n    "u8;
                }
                while (!Skip(ref utf8, "\n  ]"u8));
            }

            return Skip(ref utf8, ",\n  \"input_tokens\": "u8) && ReadCount(ref utf8) is { } input &&
                Skip(ref utf8, ",\n  \"output_tokens\": "u8) && ReadCount(ref utf8) is { } output &&
                utf8.SequenceEqual("\n}"u8)
                ? new StoredSession(id, messages.ToArrayAndDispose(), input, output)
                : null;
        }
        finally
        {
            messages.Dispose();
            if (scratch is not null)
            {
                ArrayPool<char>.Shared.Return(scratch);
            }
        }
    }

    private static bool Skip(ref ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> expected)
    {
        if (!utf8.StartsWith(expected))
        {
            return false;
        }

        utf8 = utf8[expected.Length..];
        return true;
    }

    /// <summary>A JSON string at the start of <paramref name="utf8"/>, or null when it is anything but printable ASCII and valid escapes.</summary>
    private static string? ReadString(ref ReadOnlySpan<byte> utf8, ref char[]? scratch)
    {
        if (utf8.IsEmpty || utf8[0] != (byte)'"')
        {
            return null;
        }

        ReadOnlySpan<byte> rest = utf8[1..];
        int stop = rest.IndexOfAny(NotPlain);
        if (stop < 0)
        {
            return null;
        }

        if (rest[stop] == (byte)'"')
        {
            utf8 = rest[(stop + 1)..];
            return Encoding.Latin1.GetString(rest[..stop]); // ASCII: widened, one allocation
        }

        // Escapes: at most one char per byte of the string's remaining bytes.
        int end = rest.IndexOf((byte)'"');
        while (end > 0 && IsEscapedQuote(rest, end))
        {
            int next = rest[(end + 1)..].IndexOf((byte)'"');
            end = next < 0 ? -1 : end + 1 + next;
        }

        if (end < 0)
        {
            return null;
        }

        if (scratch is null || scratch.Length < end)
        {
            if (scratch is not null)
            {
                ArrayPool<char>.Shared.Return(scratch);
            }

            scratch = ArrayPool<char>.Shared.Rent(Math.Max(end, 256));
        }

        int length = Unescape(rest[..end], scratch);
        if (length < 0)
        {
            return null;
        }

        utf8 = rest[(end + 1)..];
        return new string(scratch, 0, length);
    }

    /// <summary>Whether the quote at <paramref name="index"/> follows an odd number of backslashes.</summary>
    private static bool IsEscapedQuote(ReadOnlySpan<byte> text, int index)
    {
        int backslashes = 0;
        while (index - backslashes - 1 >= 0 && text[index - backslashes - 1] == (byte)'\\')
        {
            backslashes++;
        }

        return (backslashes & 1) == 1;
    }

    /// <returns>The chars written, or -1 for anything but printable ASCII, valid escapes and whole surrogate pairs.</returns>
    private static int Unescape(ReadOnlySpan<byte> text, Span<char> output)
    {
        int written = 0;
        while (!text.IsEmpty)
        {
            int stop = text.IndexOfAny(NotPlain);
            ReadOnlySpan<byte> plain = stop < 0 ? text : text[..stop];
            written += Encoding.Latin1.GetChars(plain, output[written..]);
            if (stop < 0)
            {
                break;
            }

            if (text[stop] != (byte)'\\' || stop + 1 >= text.Length)
            {
                return -1;
            }

            text = text[(stop + 1)..];
            char c;
            switch (text[0])
            {
                case (byte)'"': c = '"'; break;
                case (byte)'\\': c = '\\'; break;
                case (byte)'/': c = '/'; break;
                case (byte)'b': c = '\b'; break;
                case (byte)'f': c = '\f'; break;
                case (byte)'n': c = '\n'; break;
                case (byte)'r': c = '\r'; break;
                case (byte)'t': c = '\t'; break;
                case (byte)'u':
                    if (Hex(text, out c) is false)
                    {
                        return -1;
                    }

                    if (char.IsSurrogate(c))
                    {
                        // Only a whole pair: a lone surrogate is an error the general reader reports.
                        if (!char.IsHighSurrogate(c) || text.Length < 11 || text[5] != (byte)'\\' ||
                            !Hex(text[6..], out char low) || !char.IsLowSurrogate(low))
                        {
                            return -1;
                        }

                        output[written++] = c;
                        c = low;
                        text = text[6..];
                    }

                    text = text[4..];
                    break;
                default:
                    return -1;
            }

            output[written++] = c;
            text = text[1..];
        }

        return written;
    }

    /// <summary>The char of <c>uXXXX</c> at the start of <paramref name="text"/>.</summary>
    private static bool Hex(ReadOnlySpan<byte> text, out char value)
    {
        value = '\0';
        if (text.Length < 5 || text[0] != (byte)'u')
        {
            return false;
        }

        int result = 0;
        for (int i = 1; i < 5; i++)
        {
            int digit = HexDigit(text[i]);
            if (digit < 0)
            {
                return false;
            }

            result = (result << 4) | digit;
        }

        value = (char)result;
        return true;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    /// <summary>A count as JSON writes it (digits, no leading zero, fits a long), or null.</summary>
    private static long? ReadCount(ref ReadOnlySpan<byte> utf8)
    {
        int digits = utf8.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (digits <= 0 || digits > 18 || (utf8[0] == (byte)'0' && digits > 1))
        {
            return null;
        }

        long value = 0;
        foreach (byte b in utf8[..digits])
        {
            value = (value * 10) + (b - '0');
        }

        utf8 = utf8[digits..];
        return value;
    }
}

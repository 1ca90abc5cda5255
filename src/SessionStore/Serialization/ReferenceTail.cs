using System.Buffers.Text;

namespace SessionStore.Serialization;

/// <summary>
/// Finds where an append extends a reference-format file written by <see cref="ReferenceWriter"/>:
/// the file ends with <c>"last message"\n  ],\n  "input_tokens": N,\n  "output_tokens": M\n}</c>
/// (or <c>[],\n  ...</c> without messages), and everything from the end of the last message on is the
/// tail an append rewrites. A file of any other shape (hand-written, another tool's formatting, a byte
/// order mark) has no tail: the append rewrites it whole, once, in the canonical shape.
/// </summary>
internal static class ReferenceTail
{
    private static ReadOnlySpan<byte> InputKey => ",\n  \"input_tokens\": "u8;

    /// <summary>
    /// The tail's start (<c>Offset</c>, in bytes from the start of the file), whether the session has
    /// messages (the tail then starts after the last one, not after <c>[</c>), and the totals it holds.
    /// </summary>
    internal readonly record struct Found(long Offset, bool HasMessages, long InputTokens, long OutputTokens);

    /// <summary>Reads the tail from the file's last bytes.</summary>
    /// <param name="end">The file's last bytes (a few hundred are enough).</param>
    /// <param name="endStart">Where <paramref name="end"/> starts in the file.</param>
    internal static Found? Find(ReadOnlySpan<byte> end, long endStart)
    {
        int key = end.LastIndexOf(InputKey);
        if (key < 2)
        {
            return null;
        }

        ReadOnlySpan<byte> totals = end[(key + InputKey.Length)..];
        if (!Utf8Parser.TryParse(totals, out long input, out int inputLength) || input < 0)
        {
            return null;
        }

        totals = totals[inputLength..];
        ReadOnlySpan<byte> outputKey = ",\n  \"output_tokens\": "u8;
        if (!totals.StartsWith(outputKey) || !Utf8Parser.TryParse(totals[outputKey.Length..], out long output, out _) || output < 0)
        {
            return null;
        }

        // "[]" ends an empty list; "\n  ]" after a closing quote ends a list of messages.
        bool hasMessages;
        int tail;
        if (end[key - 1] == (byte)']' && end[key - 2] == (byte)'[')
        {
            hasMessages = false;
            tail = key - 1;
        }
        else if (key >= 5 && end[(key - 4)..key].SequenceEqual("\n  ]"u8) && end[key - 5] == (byte)'"')
        {
            hasMessages = true;
            tail = key - 4;
        }
        else
        {
            return null;
        }

        // The totals must be written exactly as the writer writes them (no leading zeros, no trailing bytes).
        return end[tail..].SequenceEqual(ReferenceWriter.Tail(hasMessages, [], input, output))
            ? new Found(endStart + tail, hasMessages, input, output)
            : null;
    }
}

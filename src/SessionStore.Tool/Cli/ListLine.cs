using System.Globalization;

namespace SessionStore.Tool.Cli;

/// <summary>The stable line <c>list</c> prints per session off a terminal (no header, nothing cut), with or without an index: scripts parse it.</summary>
internal static class ListLine
{
    internal static string Format(Output output, string id, int messages, long inputTokens, long outputTokens, long sizeBytes, DateTimeOffset written, bool pinned) =>
        output.Strong($"{id,-32}") + string.Create(CultureInfo.InvariantCulture,
            $" {messages,6} msgs {inputTokens,8} in {outputTokens,8} out {sizeBytes,9} B  ") + output.Faint(Ages.Stamp(written)) +
        (pinned ? output.Accent("  pinned") : "");

    /// <summary>A count as the terminal table shows it (grouped digits).</summary>
    internal static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

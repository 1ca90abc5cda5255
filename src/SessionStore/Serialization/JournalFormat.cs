using System.Globalization;
using System.Text;
using System.Text.Json;
using SessionStore.Storage;

namespace SessionStore.Serialization;

/// <summary>
/// The append journal's text format. A header line names the version of the session's file the
/// appends belong to (<c>SSJ1 &lt;length&gt; &lt;ticks&gt; &lt;fingerprint&gt;</c>, see <see cref="FileStamp"/>); each record is one line,
/// <c>&lt;checksum&gt; &lt;json&gt;</c>, where the checksum is the first 64 bits of the SHA-256 of the JSON.
/// Reading stops at the first record that is torn or fails its checksum: that record, and anything
/// after it, was never acknowledged.
/// </summary>
internal static class JournalFormat
{
    private const string Magic = "SSJ1";
    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static byte[] Header(FileStamp baseFile) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Magic} {baseFile.Length} {baseFile.LastWriteTicks} {baseFile.Fingerprint}\n"));

    internal static byte[] Record(JournalEntry entry)
    {
        using var json = new Buffers.PooledBytes(256);
        using (var writer = new Utf8JsonWriter(json, Compact))
        {
            JsonSerializer.Serialize(writer, entry, SessionJsonContext.Default.JournalEntry);
        }

        string checksum = ContentETag.Of(json.Span);
        byte[] line = new byte[checksum.Length + 1 + json.Length + 1];
        Encoding.ASCII.GetBytes(checksum, line);
        line[checksum.Length] = (byte)' ';
        json.Span.CopyTo(line.AsSpan(checksum.Length + 1));
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>The acknowledged entries of a journal, or null when it belongs to another version of the session's file.</summary>
    /// <param name="journal">The journal's bytes.</param>
    /// <param name="baseFile">The version of the session's file that was read.</param>
    /// <param name="validLength">How many bytes of the journal hold the header and intact records.</param>
    internal static List<JournalEntry>? Parse(ReadOnlySpan<byte> journal, FileStamp baseFile, out int validLength)
    {
        validLength = 0;
        byte[] header = Header(baseFile);
        if (!journal.StartsWith(header))
        {
            return null;
        }

        var entries = new List<JournalEntry>();
        int position = header.Length;
        while (position < journal.Length)
        {
            ReadOnlySpan<byte> rest = journal[position..];
            int end = rest.IndexOf((byte)'\n');
            if (end < 0 || !TryParseRecord(rest[..end], out JournalEntry? entry))
            {
                break; // A torn tail: an append that never returned.
            }

            entries.Add(entry);
            position += end + 1;
        }

        validLength = position;
        return entries;
    }

    private static bool TryParseRecord(ReadOnlySpan<byte> line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JournalEntry? entry)
    {
        entry = null;
        int space = line.IndexOf((byte)' ');
        if (space != 16)
        {
            return false;
        }

        ReadOnlySpan<byte> json = line[(space + 1)..];
        if (!line[..space].SequenceEqual(Encoding.ASCII.GetBytes(ContentETag.Of(json))))
        {
            return false;
        }

        try
        {
            entry = JsonSerializer.Deserialize(json, SessionJsonContext.Default.JournalEntry);
            return entry is not null && entry.Messages is not null && !entry.Messages.Contains(null!) && entry.InputTokens >= 0 && entry.OutputTokens >= 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

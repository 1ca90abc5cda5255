using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SessionStore.Interop;
using SessionStore.Storage.Platform;

namespace SessionStore.Storage;

/// <summary>
/// The append journal of SessionStore 0.1 (<c>.&lt;id&gt;.journal</c>), read only to fold its appends into
/// the session's file after an upgrade. Its header names the version of the session's file the appends
/// belong to (<c>SSJ1 &lt;length&gt; &lt;mtime ticks&gt; &lt;fingerprint of the first and last 4 KiB&gt;</c>);
/// each record is <c>&lt;16 hex checksum&gt; &lt;json&gt;</c> on one line, and reading stops at the first torn
/// record (never acknowledged). A journal whose header does not match the file as it is now was
/// detached from it (the file was replaced or touched after the appends): it is never applied.
/// </summary>
internal static class LegacyJournal
{
    /// <summary>One 0.1 append: the messages added and the token counts to add.</summary>
    internal readonly record struct Entry(string[] Messages, long InputTokens, long OutputTokens);

    private const int Edge = 4096;
    private const long UnixEpochTicks = 621355968000000000;

    internal static string PathOf(string directory, string sessionId) =>
        Path.Join(directory, "." + sessionId + SessionFileLayout.LegacyJournalExtension);

    /// <summary>
    /// The journal's bytes when its header names the session's file as <paramref name="file"/> describes it
    /// (length and modification time) and it is at most <paramref name="maxBytes"/> long; null otherwise, or
    /// when there is none. A link or anything but a regular file is never read, and a detached or oversized
    /// journal costs one read of its first bytes: it is never read whole.
    /// </summary>
    /// <exception cref="IOException">It is there but cannot be read (carries the errno).</exception>
    internal static byte[]? TryRead(StorePlatform platform, string directory, string sessionId, StatxBuffer file, long maxBytes)
    {
        string path = PathOf(directory, sessionId);
        using FileDescriptor? journal = platform.TryOpen(path, OpenFlags.ReadOnly, out int errno);
        if (journal is null)
        {
            return errno is Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP ? null : throw ErrnoException.FromErrno(errno, $"opening '{path}'");
        }

        StatxBuffer status = platform.Stat(journal, path);
        byte[] expected = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"SSJ1 {file.Size} {ModificationTicks(file)} "));
        if (status.Type != StatxBuffer.RegularFile || (long)status.Size > maxBytes || (long)status.Size < expected.Length)
        {
            return null;
        }

        byte[] head = new byte[expected.Length];
        if (ReadFully(platform, journal, head, path) != head.Length || !head.AsSpan().SequenceEqual(expected))
        {
            return null;
        }

        byte[] bytes = new byte[(int)status.Size];
        return bytes[..ReadFully(platform, journal, bytes, path)];
    }

    private static int ReadFully(StorePlatform platform, FileDescriptor file, byte[] buffer, string path)
    {
        int read = 0, chunk;
        while (read < buffer.Length && (chunk = platform.ReadAt(file, buffer.AsSpan(read), read, path)) > 0)
        {
            read += chunk;
        }

        return read;
    }

    private static long ModificationTicks(StatxBuffer status) =>
        status.MTimeSeconds * TimeSpan.TicksPerSecond + status.MTimeNanoseconds / 100 + UnixEpochTicks;

    /// <summary>The acknowledged appends of <paramref name="journal"/>, or null when it does not belong to the session's file as it is now.</summary>
    /// <param name="journal">The journal's bytes.</param>
    /// <param name="file">The session's file, whole.</param>
    /// <param name="status">The session's file status (its modification time is part of the match).</param>
    internal static List<Entry>? Parse(ReadOnlySpan<byte> journal, ReadOnlySpan<byte> file, StatxBuffer status)
    {
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"SSJ1 {file.Length} {ModificationTicks(status)} {Fingerprint(file)}\n"));
        if (!journal.StartsWith(header))
        {
            return null;
        }

        var entries = new List<Entry>();
        for (ReadOnlySpan<byte> rest = journal[header.Length..]; ;)
        {
            int end = rest.IndexOf((byte)'\n');
            if (end < 0 || TryParseRecord(rest[..end]) is not { } entry)
            {
                return entries; // The end, or a torn record: an append that never returned.
            }

            entries.Add(entry);
            rest = rest[(end + 1)..];
        }
    }

    /// <summary>Removes the journal once its appends are in the session's file.</summary>
    internal static void Remove(StorePlatform platform, string directory, string sessionId)
    {
        string path = PathOf(directory, sessionId);
        if (platform.Unlink(path) is not (0 or Errno.ENOENT) and int errno)
        {
            throw ErrnoException.FromErrno(errno, $"removing '{path}'");
        }
    }

    private static string Fingerprint(ReadOnlySpan<byte> file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(file[..Math.Min(Edge, file.Length)]);
        hash.AppendData(file[Math.Max(0, file.Length - Edge)..]);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest[..8]);
    }

    private static Entry? TryParseRecord(ReadOnlySpan<byte> line)
    {
        if (line.Length < 18 || line[16] != (byte)' ' || !line[..16].SequenceEqual(Encoding.ASCII.GetBytes(ContentETag.Of(line[17..]))))
        {
            return null;
        }

        try
        {
            using JsonDocument record = JsonDocument.Parse(line[17..].ToArray());
            JsonElement root = record.RootElement;
            string[] messages = [.. root.GetProperty("messages").EnumerateArray().Select(m => m.GetString() ?? throw new JsonException("null message"))];
            long input = root.GetProperty("input_tokens").GetInt64(), output = root.GetProperty("output_tokens").GetInt64();
            return input >= 0 && output >= 0 ? new Entry(messages, input, output) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SessionStore.Storage;

/// <summary>
/// The redo record of an append in flight: the session's file is changed in place (its small tail is
/// overwritten with the new items and totals), so before that write the store records, durably, what
/// it is about to write and where (in the stripe's lock file). A crash during the write leaves the file
/// old, torn, or new; the next access (a writer under the lock, or a reader in memory) finds the record,
/// checks that it describes this very file, and completes the write. The record is checksummed: a
/// record torn by a crash was never followed by a write to the session's file, and is ignored.
/// </summary>
/// <remarks>
/// Layout: <c>"SSI1"</c>, payload length (int32 LE), payload, first 16 bytes of SHA-256 of the payload.
/// Payload: id (int32 length + UTF-8), offset of the tail, old file length, SHA-256 of the (up to) 4 KiB
/// before the offset, old tail (int32 length + bytes), new tail (int32 length + bytes).
/// </remarks>
internal sealed class AppendIntent
{
    /// <summary>The longest record read back; larger records are not written (such appends rewrite the file).</summary>
    internal const int MaxLength = 256 * 1024 * 1024;

    /// <summary>How much of the file before the tail the record fingerprints.</summary>
    internal const int WindowLength = 4096;

    private static readonly byte[] Magic = "SSI1"u8.ToArray();
    private const int ChecksumLength = 16;

    private AppendIntent(string sessionId, long offset, long oldLength, byte[] window, byte[] oldTail, byte[] newTail)
    {
        SessionId = sessionId;
        Offset = offset;
        OldLength = oldLength;
        WindowHash = window;
        OldTail = oldTail;
        NewTail = newTail;
    }

    /// <summary>What a record says about a file's bytes.</summary>
    internal enum Fit
    {
        /// <summary>The record is about another session or another version of the file: ignore it.</summary>
        Unrelated,

        /// <summary>The file holds the new tail already.</summary>
        Complete,

        /// <summary>The file holds the old tail, or a mix of old and new bytes: the write must be completed.</summary>
        Incomplete,
    }

    internal string SessionId { get; }

    /// <summary>Where the tail starts; the bytes before it never change in an append.</summary>
    internal long Offset { get; }

    internal long OldLength { get; }

    internal byte[] WindowHash { get; }

    internal byte[] OldTail { get; }

    internal byte[] NewTail { get; }

    /// <summary>Where the fingerprinted window before the tail starts.</summary>
    internal long WindowStart => Math.Max(0, Offset - WindowLength);

    internal static byte[] Encode(string sessionId, long offset, long oldLength, ReadOnlySpan<byte> window, ReadOnlySpan<byte> oldTail, ReadOnlySpan<byte> newTail)
    {
        int idLength = Encoding.UTF8.GetByteCount(sessionId);
        int payloadLength = 4 + idLength + 8 + 8 + SHA256.HashSizeInBytes + 4 + oldTail.Length + 4 + newTail.Length;
        byte[] record = new byte[Magic.Length + 4 + payloadLength + ChecksumLength];
        Span<byte> at = record;
        Magic.CopyTo(at);
        BinaryPrimitives.WriteInt32LittleEndian(at[4..], payloadLength);
        Span<byte> payload = at.Slice(8, payloadLength);
        Span<byte> cursor = payload;
        BinaryPrimitives.WriteInt32LittleEndian(cursor, idLength);
        Encoding.UTF8.GetBytes(sessionId, cursor[4..]);
        cursor = cursor[(4 + idLength)..];
        BinaryPrimitives.WriteInt64LittleEndian(cursor, offset);
        BinaryPrimitives.WriteInt64LittleEndian(cursor[8..], oldLength);
        SHA256.HashData(window, cursor[16..]);
        cursor = cursor[(16 + SHA256.HashSizeInBytes)..];
        cursor = WriteBlock(cursor, oldTail);
        _ = WriteBlock(cursor, newTail);
        Span<byte> checksum = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, checksum);
        checksum[..ChecksumLength].CopyTo(at[(8 + payloadLength)..]);
        return record;
    }

    /// <summary>The record, or null when there is none or it is torn.</summary>
    internal static AppendIntent? TryDecode(ReadOnlySpan<byte> record)
    {
        if (record.Length < 8 + ChecksumLength || !record.StartsWith(Magic))
        {
            return null;
        }

        int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(record[4..]);
        if (payloadLength < 0 || payloadLength > record.Length - 8 - ChecksumLength)
        {
            return null;
        }

        ReadOnlySpan<byte> payload = record.Slice(8, payloadLength);
        Span<byte> checksum = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(payload, checksum);
        if (!checksum[..ChecksumLength].SequenceEqual(record.Slice(8 + payloadLength, ChecksumLength)))
        {
            return null;
        }

        try
        {
            return Decode(payload);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // A record its writer never finished cannot pass the checksum; this one was made by hand.
        }
    }

    private static AppendIntent Decode(ReadOnlySpan<byte> payload)
    {
        int idLength = BinaryPrimitives.ReadInt32LittleEndian(payload);
        string id = Encoding.UTF8.GetString(payload.Slice(4, idLength));
        ReadOnlySpan<byte> cursor = payload[(4 + idLength)..];
        long offset = BinaryPrimitives.ReadInt64LittleEndian(cursor);
        long oldLength = BinaryPrimitives.ReadInt64LittleEndian(cursor[8..]);
        byte[] window = cursor.Slice(16, SHA256.HashSizeInBytes).ToArray();
        cursor = cursor[(16 + SHA256.HashSizeInBytes)..];
        byte[] oldTail = ReadBlock(ref cursor);
        byte[] newTail = ReadBlock(ref cursor);
        return new AppendIntent(id, offset, oldLength, window, oldTail, newTail);
    }

    /// <summary>
    /// What this record says about a file whose bytes from <see cref="WindowStart"/> on are
    /// <paramref name="fromWindow"/> (the whole rest of the file).
    /// </summary>
    internal Fit FitOf(string sessionId, ReadOnlySpan<byte> fromWindow)
    {
        int windowLength = (int)(Offset - WindowStart);
        if (!string.Equals(sessionId, SessionId, StringComparison.Ordinal) || fromWindow.Length < windowLength)
        {
            return Fit.Unrelated;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(fromWindow[..windowLength], hash);
        if (!hash.SequenceEqual(WindowHash))
        {
            return Fit.Unrelated;
        }

        ReadOnlySpan<byte> tail = fromWindow[windowLength..];
        if (tail.SequenceEqual(NewTail))
        {
            return Fit.Complete;
        }

        if (tail.Length > Math.Max(OldTail.Length, NewTail.Length))
        {
            return Fit.Unrelated;
        }

        // A write cut short (a killed process, a power cut) leaves each byte old, new, or not yet written.
        for (int i = 0; i < tail.Length; i++)
        {
            byte b = tail[i];
            bool fits = (i < NewTail.Length && b == NewTail[i]) || (i < OldTail.Length && b == OldTail[i]) || b == 0;
            if (!fits)
            {
                return Fit.Unrelated;
            }
        }

        return Fit.Incomplete;
    }

    private static Span<byte> WriteBlock(Span<byte> cursor, ReadOnlySpan<byte> block)
    {
        BinaryPrimitives.WriteInt32LittleEndian(cursor, block.Length);
        block.CopyTo(cursor[4..]);
        return cursor[(4 + block.Length)..];
    }

    private static byte[] ReadBlock(ref ReadOnlySpan<byte> cursor)
    {
        int length = BinaryPrimitives.ReadInt32LittleEndian(cursor);
        byte[] block = cursor.Slice(4, length).ToArray();
        cursor = cursor[(4 + length)..];
        return block;
    }
}

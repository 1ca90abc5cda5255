using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SessionStore.Storage;

/// <summary>
/// The redo record of an append in flight: the session's file is changed in place (its small tail is
/// overwritten with the new items and totals), so before that write the store records, durably, what
/// it is about to write, where, and to which version of which file (in the stripe's lock file). A crash
/// during the write leaves the file old, torn, or new; the next access (a writer under the lock, or a
/// reader in memory) finds the record and completes the write only when the record provably describes the
/// file as it is (<see cref="FitOf"/>). The record is checksummed: a record torn by a crash was never
/// followed by a write to the session's file, and is ignored.
/// </summary>
/// <remarks>
/// Layout: <c>"SSI2"</c>, payload length (int32 LE), payload, first 16 bytes of SHA-256 of the payload.
/// Payload: id (int32 length + UTF-8), offset of the tail, the file's <see cref="FileVersion"/> once marked
/// (device, inode, birth time, size, change and write times), SHA-256 of the (up to) 4 KiB before the
/// offset, old tail (int32 length + bytes), new tail (int32 length + bytes). SessionStore 0.2 wrote
/// <c>"SSI1"</c> records, with the old length in place of the version; those are still read, as records
/// that name no file version.
/// </remarks>
internal sealed class AppendIntent
{
    /// <summary>The longest record read back; larger records are not written (such appends rewrite the file).</summary>
    internal const int MaxLength = 256 * 1024 * 1024;

    /// <summary>How much of the file before the tail the record fingerprints.</summary>
    internal const int WindowLength = 4096;

    private static readonly byte[] Magic = "SSI2"u8.ToArray();
    private static readonly byte[] UnversionedMagic = "SSI1"u8.ToArray();
    private const int ChecksumLength = 16;

    private AppendIntent(string sessionId, long offset, long oldLength, FileVersion? marked, byte[] window, byte[] oldTail, byte[] newTail)
    {
        SessionId = sessionId;
        Offset = offset;
        OldLength = oldLength;
        Marked = marked;
        WindowHash = window;
        OldTail = oldTail;
        NewTail = newTail;
    }

    /// <summary>What a record says about a file's bytes.</summary>
    internal enum Fit
    {
        /// <summary>The record is about another session, another file or another version of it: ignore it.</summary>
        Unrelated,

        /// <summary>The file holds the new tail already.</summary>
        Complete,

        /// <summary>The file is exactly the version the record was made for (nothing wrote it since): the write must be completed.</summary>
        Incomplete,

        /// <summary>
        /// The file's tail is a mix of old and new bytes, as this write cut short leaves it. Complete it only if the
        /// file is not a valid session as it is: a writer that is not this append (the Python module, an editor,
        /// <c>cp</c>) writes whole sessions.
        /// </summary>
        Torn,
    }

    internal string SessionId { get; }

    /// <summary>Where the tail starts; the bytes before it never change in an append.</summary>
    internal long Offset { get; }

    internal long OldLength { get; }

    /// <summary>The file's version once the append marked it, just before the tail was written; null in a 0.2 record.</summary>
    internal FileVersion? Marked { get; }

    internal byte[] WindowHash { get; }

    internal byte[] OldTail { get; }

    internal byte[] NewTail { get; }

    /// <summary>Where the fingerprinted window before the tail starts.</summary>
    internal long WindowStart => Math.Max(0, Offset - WindowLength);

    /// <summary>The longest a file this record can describe is: the window, then a tail no longer than the longer of the two.</summary>
    internal long LongestDescribedLength => Offset + Math.Max(OldTail.Length, NewTail.Length);

    /// <param name="sessionId">The session the append is for.</param>
    /// <param name="offset">Where the tail starts.</param>
    /// <param name="marked">The file's version after the marker was set, before anything else is written to it.</param>
    /// <param name="window">The (up to) 4 KiB before <paramref name="offset"/>.</param>
    /// <param name="oldTail">The file's bytes from <paramref name="offset"/> to its end.</param>
    /// <param name="newTail">What replaces them.</param>
    internal static byte[] Encode(string sessionId, long offset, FileVersion marked, ReadOnlySpan<byte> window, ReadOnlySpan<byte> oldTail, ReadOnlySpan<byte> newTail)
    {
        int idLength = Encoding.UTF8.GetByteCount(sessionId);
        int payloadLength = 4 + idLength + 8 + FileVersion.EncodedLength + SHA256.HashSizeInBytes + 4 + oldTail.Length + 4 + newTail.Length;
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
        marked.WriteTo(cursor[8..]);
        cursor = cursor[(8 + FileVersion.EncodedLength)..];
        SHA256.HashData(window, cursor);
        cursor = cursor[SHA256.HashSizeInBytes..];
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
        bool versioned = record.StartsWith(Magic);
        if (record.Length < 8 + ChecksumLength || !(versioned || record.StartsWith(UnversionedMagic)))
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
            return Decode(payload, versioned);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null; // A record its writer never finished cannot pass the checksum; this one was made by hand.
        }
    }

    private static AppendIntent Decode(ReadOnlySpan<byte> payload, bool versioned)
    {
        int idLength = BinaryPrimitives.ReadInt32LittleEndian(payload);
        string id = Encoding.UTF8.GetString(payload.Slice(4, idLength));
        ReadOnlySpan<byte> cursor = payload[(4 + idLength)..];
        long offset = BinaryPrimitives.ReadInt64LittleEndian(cursor);
        FileVersion? marked = null;
        long oldLength;
        if (versioned)
        {
            marked = FileVersion.ReadFrom(cursor[8..]);
            oldLength = (long)marked.Value.Size;
            cursor = cursor[(8 + FileVersion.EncodedLength)..];
        }
        else
        {
            oldLength = BinaryPrimitives.ReadInt64LittleEndian(cursor[8..]);
            cursor = cursor[16..];
        }

        byte[] window = cursor[..SHA256.HashSizeInBytes].ToArray();
        cursor = cursor[SHA256.HashSizeInBytes..];
        byte[] oldTail = ReadBlock(ref cursor);
        byte[] newTail = ReadBlock(ref cursor);
        if (offset < 0 || oldLength < 0 || offset + oldTail.Length != oldLength)
        {
            throw new ArgumentOutOfRangeException(nameof(payload), "the record contradicts itself");
        }

        return new AppendIntent(id, offset, oldLength, marked, window, oldTail, newTail);
    }

    /// <summary>
    /// Whether this record can describe the session file whose current version is <paramref name="now"/>,
    /// before any of its bytes are read: same file (not one that replaced it), and not longer than a file
    /// this append leaves.
    /// </summary>
    internal bool CanDescribe(string sessionId, FileVersion now) =>
        string.Equals(sessionId, SessionId, StringComparison.Ordinal) &&
        (Marked is not { } marked || marked.IsSameFile(now)) &&
        now.Size >= (ulong)Offset && now.Size <= (ulong)LongestDescribedLength;

    /// <summary>
    /// What this record says about the session file whose current version is <paramref name="now"/> and whose
    /// bytes from <see cref="WindowStart"/> on are <paramref name="fromWindow"/> (the whole rest of the file).
    /// </summary>
    /// <remarks>
    /// The record applies to the file only when it can prove the file is the one it was made for, in a state
    /// only this append can have left (docs/reliability.md, "Which file an intent belongs to"):
    /// <list type="bullet">
    /// <item>the same file (device, inode, birth time) with the same 4 KiB before the tail;</item>
    /// <item>and either untouched since the append marked it (same size, change and write times: no program can
    /// set a change time back) and still the old tail; or with a tail that differs from the old one, but only by
    /// bytes of the new one or zeros (<see cref="Fit.Torn"/>, for the caller to check it is no valid session).</item>
    /// </list>
    /// A file someone wrote back to the old bytes (the Python module saving the session without the turn) is
    /// therefore never changed, nor a new file in the session's place, nor a file replaced by a rename.
    /// </remarks>
    internal Fit FitOf(string sessionId, FileVersion now, ReadOnlySpan<byte> fromWindow)
    {
        int windowLength = (int)(Offset - WindowStart);
        if (!CanDescribe(sessionId, now) || fromWindow.Length < windowLength)
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

        if (Marked == now && tail.SequenceEqual(OldTail))
        {
            return Fit.Incomplete;
        }

        // A write cut short (a killed process, a power cut) leaves each byte old, new, or not yet written, and
        // at least one byte that is no longer the old one. (The times are not asked here: a write in the same
        // clock tick as the marker leaves them as they were.) The old bytes alone, in a file written since the
        // record was made, are someone else's: the Python module saving the session without the turn.
        bool changed = tail.Length != OldTail.Length;
        for (int i = 0; i < tail.Length; i++)
        {
            byte b = tail[i];
            bool isOld = i < OldTail.Length && b == OldTail[i];
            bool fits = isOld || (i < NewTail.Length && b == NewTail[i]) || b == 0;
            if (!fits)
            {
                return Fit.Unrelated;
            }

            changed |= !isOld;
        }

        return changed ? Fit.Torn : Fit.Unrelated;
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

using System.Buffers.Binary;
using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>
/// A version of one file. The file is named by its device, inode and birth time (an inode number can be
/// reused once its file is deleted; the birth time of the new file differs, where the file system keeps
/// one); any write changes its size or its change time, and no program can set a change time back.
/// </summary>
internal readonly record struct FileVersion(
    uint DeviceMajor,
    uint DeviceMinor,
    ulong Inode,
    long BirthSeconds,
    uint BirthNanoseconds,
    ulong Size,
    long ChangeSeconds,
    uint ChangeNanoseconds,
    long WriteSeconds,
    uint WriteNanoseconds)
{
    /// <summary>How many bytes <see cref="WriteTo"/> writes.</summary>
    internal const int EncodedLength = 4 + 4 + 8 + 8 + 4 + 8 + 8 + 4 + 8 + 4;

    internal static FileVersion Of(StatxBuffer status)
    {
        bool born = (status.Mask & StatxBuffer.BirthTimeBit) != 0;
        return new(status.DevMajor, status.DevMinor, status.Ino, born ? status.BTimeSeconds : 0, born ? status.BTimeNanoseconds : 0,
            status.Size, status.CTimeSeconds, status.CTimeNanoseconds, status.MTimeSeconds, status.MTimeNanoseconds);
    }

    /// <summary>
    /// Whether this version names a file: no file on Linux has inode 0, and the portable platform, which cannot see
    /// inodes, reports 0. A version that names no file equals no version, itself included, and is the same file as
    /// none, so nothing remembered by version (a layout, a canonical shape, an append's intent) is ever taken for it.
    /// </summary>
    internal bool IsKnown => Inode != 0;

    /// <summary>Whether both are known (<see cref="IsKnown"/>) and alike in every field.</summary>
    public bool Equals(FileVersion other) =>
        IsKnown && IsSameFile(other) && Size == other.Size && ChangeSeconds == other.ChangeSeconds && ChangeNanoseconds == other.ChangeNanoseconds &&
        WriteSeconds == other.WriteSeconds && WriteNanoseconds == other.WriteNanoseconds;

    public override int GetHashCode() => HashCode.Combine(Inode, Size, ChangeSeconds, ChangeNanoseconds, WriteNanoseconds);

    /// <summary>Whether <paramref name="other"/> is a version of the same file (not a file that replaced it); never when either names no file.</summary>
    internal bool IsSameFile(FileVersion other) =>
        IsKnown && other.IsKnown && DeviceMajor == other.DeviceMajor && DeviceMinor == other.DeviceMinor && Inode == other.Inode &&
        BirthSeconds == other.BirthSeconds && BirthNanoseconds == other.BirthNanoseconds;

    internal void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, DeviceMajor);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], DeviceMinor);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], Inode);
        BinaryPrimitives.WriteInt64LittleEndian(destination[16..], BirthSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[24..], BirthNanoseconds);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[28..], Size);
        BinaryPrimitives.WriteInt64LittleEndian(destination[36..], ChangeSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[44..], ChangeNanoseconds);
        BinaryPrimitives.WriteInt64LittleEndian(destination[48..], WriteSeconds);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[56..], WriteNanoseconds);
    }

    internal static FileVersion ReadFrom(ReadOnlySpan<byte> source) => new(
        BinaryPrimitives.ReadUInt32LittleEndian(source),
        BinaryPrimitives.ReadUInt32LittleEndian(source[4..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[8..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[16..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[24..]),
        BinaryPrimitives.ReadUInt64LittleEndian(source[28..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[36..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[44..]),
        BinaryPrimitives.ReadInt64LittleEndian(source[48..]),
        BinaryPrimitives.ReadUInt32LittleEndian(source[56..]));
}

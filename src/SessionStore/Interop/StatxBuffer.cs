using System.Runtime.InteropServices;

namespace SessionStore.Interop;

/// <summary>
/// Linux's <c>struct statx</c>: one layout on every architecture (unlike <c>struct stat</c>), 256 bytes.
/// Only the fields the store reads are named.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct StatxBuffer
{
    internal const ushort TypeMask = 0xF000;
    internal const ushort RegularFile = 0x8000;
    internal const ushort Directory = 0x4000;
    internal const ushort SymbolicLink = 0xA000;
    internal const ushort Fifo = 0x1000;
    internal const ushort Socket = 0xC000;
    internal const ushort CharacterDevice = 0x2000;
    internal const ushort BlockDevice = 0x6000;

    /// <summary>The <c>stx_mask</c> bit that says the birth time was filled in (not every file system keeps one).</summary>
    internal const uint BirthTimeBit = 0x800;

    [FieldOffset(0)] internal uint Mask;
    [FieldOffset(16)] internal uint NLink;
    [FieldOffset(20)] internal uint Uid;
    [FieldOffset(28)] internal ushort Mode;
    [FieldOffset(32)] internal ulong Ino;
    [FieldOffset(40)] internal ulong Size;
    [FieldOffset(112)] internal long MTimeSeconds;
    [FieldOffset(120)] internal uint MTimeNanoseconds;
    [FieldOffset(80)] internal long BTimeSeconds;
    [FieldOffset(88)] internal uint BTimeNanoseconds;
    [FieldOffset(96)] internal long CTimeSeconds;
    [FieldOffset(104)] internal uint CTimeNanoseconds;
    [FieldOffset(136)] internal uint DevMajor;
    [FieldOffset(140)] internal uint DevMinor;

    internal readonly ushort Type => (ushort)(Mode & TypeMask);

    internal readonly DateTimeOffset LastWriteTime =>
        DateTimeOffset.FromUnixTimeSeconds(MTimeSeconds).AddTicks(MTimeNanoseconds / 100);
}

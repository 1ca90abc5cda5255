using SessionStore.Interop;

namespace SessionStore.Storage;

/// <summary>A version of a file: any write changes its size or its change time, a replace its inode.</summary>
internal readonly record struct FileVersion(ulong Inode, ulong Size, long ChangeSeconds, uint ChangeNanoseconds, long WriteSeconds, uint WriteNanoseconds)
{
    internal static FileVersion Of(StatxBuffer status) =>
        new(status.Ino, status.Size, status.CTimeSeconds, status.CTimeNanoseconds, status.MTimeSeconds, status.MTimeNanoseconds);
}

using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using SessionStore.Interop;

namespace SessionStore.Storage.Platform;

/// <summary>
/// The hardened platform: Linux's C library through <c>[LibraryImport]</c> (<see cref="Posix"/>, <see cref="Libc"/>).
/// Every open refuses a link (<c>O_NOFOLLOW</c>), never blocks on a FIFO or device (<c>O_NONBLOCK</c>) and
/// never leaks to a child (<c>O_CLOEXEC</c>); hidden directories are opened once and their entries reached with
/// <c>openat</c>, <c>mkdirat</c>, <c>unlinkat</c> and <c>renameat2(RENAME_NOREPLACE)</c>, so no link swapped in
/// meanwhile is followed; <c>statx</c> names a file by device, inode and birth time; <c>flock</c> locks it;
/// <c>fsync</c> flushes files and directories.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxPlatform : StorePlatform
{
    internal override FileSystemPlatform Kind => FileSystemPlatform.Hardened;

    internal override bool WritesInPlace => true;

    internal override uint? EffectiveUserId => Libc.GetEUid();

    internal override FileDescriptor? TryOpen(string path, int flags, out int errno, uint mode = PrivateFile) =>
        Posix.TryOpen(path, flags, out errno, mode);

    internal override FileDescriptor? TryOpenAt(FileDescriptor directory, string name, int flags, out int errno, uint mode = PrivateFile) =>
        Posix.TryOpenAt(directory, name, flags, out errno, mode);

    internal override StatxBuffer Stat(FileDescriptor fd, string path) => Posix.Stat(fd, path);

    internal override bool TryStatEntry(string path, out StatxBuffer status, out int errno) => Posix.TryStatEntry(path, out status, out errno);

    internal override bool TryStat(string path, out StatxBuffer status, out int errno) => Posix.TryStat(path, out status, out errno);

    internal override int ReadAt(FileDescriptor fd, Span<byte> buffer, long offset, string path) => Posix.ReadAt(fd, buffer, offset, path);

    internal override int ReadOnce(FileDescriptor fd, Span<byte> buffer, long offset, string path) => Posix.ReadOnce(fd, buffer, offset, path);

    internal override void WriteAt(FileDescriptor fd, ReadOnlySpan<byte> content, long offset, string path) => Posix.WriteAt(fd, content, offset, path);

    internal override void Sync(FileDescriptor fd, string path) => Posix.Sync(fd, path);

    internal override void Truncate(FileDescriptor fd, long length, string path) => Posix.Truncate(fd, length, path);

    internal override void ChangeMode(FileDescriptor fd, uint mode, string path) => Posix.ChangeMode(fd, mode, path);

    internal override bool Flock(FileDescriptor fd, int operation, string path) => Posix.Flock(fd, operation, path);

    internal override void SyncDirectory(string directory) => Posix.SyncDirectory(directory);

    internal override void TouchDirectory(string directory) => Posix.TouchDirectory(directory);

    internal override int Mkdir(string path, uint mode) => Libc.Mkdir(path, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override int MkdirAt(FileDescriptor directory, string name, uint mode) =>
        Libc.MkdirAt(directory, name, mode) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override int Unlink(string path) => Libc.Unlink(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override int UnlinkAt(FileDescriptor directory, string name) => Libc.UnlinkAt(directory, name, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override int Rename(string from, string to) => Libc.Rename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override int RenameAt(FileDescriptor directory, string from, string to) =>
        Libc.RenameAt2(directory, from, directory, to, 0) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override int RenameNoReplace(FileDescriptor fromDirectory, string from, FileDescriptor toDirectory, string to) =>
        Libc.RenameAt2(fromDirectory, from, toDirectory, to, Libc.RENAME_NOREPLACE) == 0 ? 0 : Marshal.GetLastPInvokeError();

    internal override bool IsWritable(string directory) =>
        Libc.FAccessAt(Libc.AtCurrentDirectory, directory, Libc.WriteAccess, Libc.AtEffectiveAccess) == 0;
}

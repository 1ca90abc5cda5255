using SessionStore.Interop;

namespace SessionStore.Storage.Platform;

/// <summary>
/// Everything the directory store needs from the operating system, in one place: opening a file of the store
/// without following a link, its status (type, mode, size, times, link count and the identity a
/// <see cref="FileVersion"/> is made of), positional reads and writes, flushing, truncating, changing the
/// mode, advisory locks, flushing a directory, creating, removing and renaming entries. The storage code
/// (this folder) calls it and never the C library itself. Two implementations:
/// <see cref="LinuxPlatform"/> (the hardened one, libc through <c>[LibraryImport]</c>) and
/// <see cref="PortablePlatform"/> (the base class library only); <see cref="For"/> picks one per store.
/// Errors are <see cref="IOException"/>s carrying an errno in Linux's numbering (<see cref="Errno"/>), on
/// every platform.
/// </summary>
internal abstract class StorePlatform
{
    /// <summary>The mode of every file the store creates: 0600.</summary>
    internal const uint PrivateFile = 0x180;

    /// <summary>The environment variable that overrides <see cref="FileSessionStoreOptions.FileSystemPlatform"/> when that is <see cref="FileSystemPlatform.Auto"/>: <c>portable</c> or <c>hardened</c>.</summary>
    internal const string EnvironmentVariable = "SESSIONSTORE_PLATFORM";

    private static PortablePlatform? _portable;
    private static StorePlatform? _hardened;

    /// <summary>Which of the public choices this is.</summary>
    internal abstract FileSystemPlatform Kind { get; }

    /// <summary>
    /// Whether appends may change a session's file in place (behind an intent, under an exclusive lock on the file,
    /// with the mode marker): false where the platform cannot name a file (device and inode) or lock it in place, and
    /// every append then rewrites the file whole, atomically.
    /// </summary>
    internal abstract bool WritesInPlace { get; }

    /// <summary>The effective user id this process runs as, or null where the platform does not say (no owner check is then possible).</summary>
    internal abstract uint? EffectiveUserId { get; }

    /// <summary>The platform for <paramref name="choice"/>; <see cref="FileSystemPlatform.Auto"/> is <see cref="EnvironmentVariable"/>'s choice when set, else the hardened platform on Linux and the portable one elsewhere.</summary>
    /// <exception cref="PlatformNotSupportedException">The hardened platform was asked for off Linux.</exception>
    /// <exception cref="ArgumentException"><see cref="EnvironmentVariable"/> holds something else than <c>auto</c>, <c>portable</c> or <c>hardened</c>.</exception>
    internal static StorePlatform For(FileSystemPlatform choice)
    {
        if (choice == FileSystemPlatform.Auto)
        {
            choice = FromEnvironment();
        }

        if (choice == FileSystemPlatform.Portable)
        {
            return _portable ??= new PortablePlatform();
        }

        if (!OperatingSystem.IsLinux())
        {
            if (choice == FileSystemPlatform.Hardened)
            {
                throw new PlatformNotSupportedException("The hardened file system platform (FileSystemPlatform.Hardened) calls Linux's C library and runs on Linux only; use FileSystemPlatform.Auto or Portable here.");
            }

            return _portable ??= new PortablePlatform();
        }

        return _hardened ??= new LinuxPlatform();
    }

    private static FileSystemPlatform FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToUpperInvariant() switch
        {
            null or "" or "AUTO" => FileSystemPlatform.Auto,
            "PORTABLE" => FileSystemPlatform.Portable,
            "HARDENED" or "LINUX" => Hardened(),
            var other => throw new ArgumentException($"{EnvironmentVariable} is '{other}'; it may be 'auto', 'portable' or 'hardened'.", EnvironmentVariable),
        };

    private static FileSystemPlatform Hardened() => OperatingSystem.IsLinux()
        ? FileSystemPlatform.Hardened
        : throw new PlatformNotSupportedException($"{EnvironmentVariable}=hardened asks for Linux's C library, which this system does not have.");

    /// <summary>Opens a file without following a link; null with <paramref name="errno"/> set when it cannot.</summary>
    /// <param name="path">The file.</param>
    /// <param name="flags"><see cref="OpenFlags"/>: the access, <see cref="OpenFlags.Create"/>, <see cref="OpenFlags.Exclusive"/>, <see cref="OpenFlags.Directory"/>.</param>
    /// <param name="errno">Why it could not, in <see cref="Errno"/>'s numbering (<see cref="Errno.ELOOP"/> for a link).</param>
    /// <param name="mode">The mode of a file it creates.</param>
    internal abstract FileDescriptor? TryOpen(string path, int flags, out int errno, uint mode = PrivateFile);

    /// <summary>Opens <paramref name="name"/> in an open directory, without following a link.</summary>
    /// <inheritdoc cref="TryOpen(string, int, out int, uint)"/>
    internal abstract FileDescriptor? TryOpenAt(FileDescriptor directory, string name, int flags, out int errno, uint mode = PrivateFile);

    /// <summary>The status of an open file.</summary>
    internal abstract StatxBuffer Stat(FileDescriptor fd, string path);

    /// <summary>The status of the entry at <paramref name="path"/> itself (a link is not followed); false when there is none.</summary>
    internal abstract bool TryStatEntry(string path, out StatxBuffer status, out int errno);

    /// <summary>The status of <paramref name="path"/>, following links; false when there is none.</summary>
    internal abstract bool TryStat(string path, out StatxBuffer status, out int errno);

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; returns the bytes read.</summary>
    internal abstract int ReadAt(FileDescriptor fd, Span<byte> buffer, long offset, string path);

    /// <summary>One positional read: fewer bytes than asked only at the file's end.</summary>
    internal abstract int ReadOnce(FileDescriptor fd, Span<byte> buffer, long offset, string path);

    /// <summary>Writes all of <paramref name="content"/> at <paramref name="offset"/>.</summary>
    internal abstract void WriteAt(FileDescriptor fd, ReadOnlySpan<byte> content, long offset, string path);

    /// <summary>Flushes the file's data and metadata to the device.</summary>
    internal abstract void Sync(FileDescriptor fd, string path);

    /// <summary>Sets the file's length.</summary>
    internal abstract void Truncate(FileDescriptor fd, long length, string path);

    /// <summary>Sets the file's permission bits (and the append marker, see <see cref="SessionFiles.AppendMarker"/>).</summary>
    internal abstract void ChangeMode(FileDescriptor fd, uint mode, string path);

    /// <summary>Takes or drops an advisory lock (<see cref="LockOperation"/>); false when <see cref="LockOperation.NonBlocking"/> was given and another holder has it.</summary>
    internal abstract bool Flock(FileDescriptor fd, int operation, string path);

    /// <summary>Makes a directory's entries (a rename, a new or removed file) durable, where the platform can.</summary>
    internal abstract void SyncDirectory(string directory);

    /// <summary>Sets the directory's write time to now, so an index that compares it sees an in-place write (best effort: a failure is ignored).</summary>
    internal abstract void TouchDirectory(string directory);

    /// <summary>Creates a directory; 0, or the errno.</summary>
    internal abstract int Mkdir(string path, uint mode);

    /// <summary>Creates <paramref name="name"/> in an open directory; 0, or the errno.</summary>
    internal abstract int MkdirAt(FileDescriptor directory, string name, uint mode);

    /// <summary>Removes a file (a link itself, never what it points at); 0, or the errno.</summary>
    internal abstract int Unlink(string path);

    /// <summary>Removes <paramref name="name"/> from an open directory; 0, or the errno.</summary>
    internal abstract int UnlinkAt(FileDescriptor directory, string name);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/>, atomically replacing what <paramref name="to"/> names; 0, or the errno.</summary>
    internal abstract int Rename(string from, string to);

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> within an open directory, atomically replacing what <paramref name="to"/> names; 0, or the errno.</summary>
    internal abstract int RenameAt(FileDescriptor directory, string from, string to);

    /// <summary>Renames between two open directories, never over an existing entry (<see cref="Errno.EEXIST"/> then); 0, or the errno.</summary>
    internal abstract int RenameNoReplace(FileDescriptor fromDirectory, string from, FileDescriptor toDirectory, string to);

    /// <summary>Whether this process may create and remove entries in <paramref name="directory"/> (a read-only mount is read-only).</summary>
    internal abstract bool IsWritable(string directory);

    /// <summary>What an entry is, in words, for errors: "a symbolic link", "a FIFO (named pipe)", ...</summary>
    internal static string Describe(ushort type) => type switch
    {
        StatxBuffer.Directory => "a directory",
        StatxBuffer.SymbolicLink => "a symbolic link",
        StatxBuffer.Fifo => "a FIFO (named pipe)",
        StatxBuffer.Socket => "a socket",
        StatxBuffer.CharacterDevice => "a character device",
        StatxBuffer.BlockDevice => "a block device",
        PortablePlatform.SpecialFile => "a FIFO (named pipe), socket or device: not a regular file",
        _ => "not a regular file",
    };
}

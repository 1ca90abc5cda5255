using System.Runtime.Versioning;

namespace SessionStore;

/// <summary>
/// Which implementation of the operating system calls a <see cref="FileSessionStore{TSession}"/> is built on
/// (<see cref="FileSessionStoreOptions.FileSystemPlatform"/>). Both keep the same files (byte-identical to the
/// reference writer) and the same contract; docs/reliability.md has the table of what each guarantees where.
/// </summary>
public enum FileSystemPlatform
{
    /// <summary>
    /// <see cref="Hardened"/> on Linux, <see cref="Portable"/> everywhere else. The environment variable
    /// <c>SESSIONSTORE_PLATFORM</c> (<c>portable</c> or <c>hardened</c>), when set, chooses instead: a whole
    /// test suite or tool run can be moved onto the portable implementation without changing code.
    /// </summary>
    Auto = 0,

    /// <summary>
    /// Linux's C library: links are refused at every open (<c>O_NOFOLLOW</c>, <c>openat</c>), FIFOs and devices
    /// never block, files are named by device and inode, locks are <c>flock</c>s, and renames are made durable by
    /// flushing the directory. Appends change the session's file in place. Linux only.
    /// </summary>
    [SupportedOSPlatform("linux")]
    Hardened = 1,

    /// <summary>
    /// The base class library's file APIs only (<c>SafeFileHandle</c>, <c>RandomAccess</c>, <c>File.Move</c>,
    /// <c>FileShare</c> locks, <c>Flush(true)</c>), for Windows, macOS and any other system .NET runs on. Links are
    /// refused by a check before and after each open, every append rewrites the file whole (atomically), locks
    /// are <c>FileShare.None</c> opens, and a rename is as durable as the file system makes it.
    /// </summary>
    Portable = 2,
}

namespace SessionStore.Storage.Platform;

/// <summary>
/// The error numbers the storage layer tells apart, in Linux's numbering on every platform: the hardened
/// platform reports the kernel's own, the portable one maps what the base class library throws onto them
/// (see <see cref="PortablePlatform"/>), so the storage code decides the same way on both.
/// </summary>
internal static class Errno
{
    internal const int EPERM = 1;
    internal const int ENOENT = 2;
    internal const int EINTR = 4;
    internal const int EIO = 5;
    internal const int ENXIO = 6;
    internal const int EAGAIN = 11;
    internal const int EACCES = 13;
    internal const int EBUSY = 16;
    internal const int EEXIST = 17;
    internal const int EXDEV = 18;
    internal const int ENOTDIR = 20;
    internal const int EISDIR = 21;
    internal const int EINVAL = 22;
    internal const int ENOSPC = 28;
    internal const int EROFS = 30;
    internal const int ENAMETOOLONG = 36;
    internal const int ENOLCK = 37;
    internal const int ENOTEMPTY = 39;
    internal const int ELOOP = 40;
    internal const int EDQUOT = 122;
    internal const int EOPNOTSUPP = 95;

    /// <summary>The error's text: the C library's on Linux, this table's elsewhere (other systems number errors differently).</summary>
    internal static string Describe(int errno) => OperatingSystem.IsLinux()
        ? System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(errno)
        : errno switch
        {
            EPERM => "Operation not permitted",
            ENOENT => "No such file or directory",
            EIO => "Input/output error",
            ENXIO => "No such device or address",
            EAGAIN => "Resource temporarily unavailable (the file is in use by another process)",
            EACCES => "Permission denied",
            EBUSY => "Device or resource busy",
            EEXIST => "File exists",
            EXDEV => "Invalid cross-device link",
            ENOTDIR => "Not a directory",
            EISDIR => "Is a directory",
            EINVAL => "Invalid argument",
            ENOSPC => "No space left on device",
            EROFS => "Read-only file system",
            ENAMETOOLONG => "File name too long",
            ENOLCK => "No locks available",
            ENOTEMPTY => "Directory not empty",
            ELOOP => "Too many levels of symbolic links",
            EDQUOT => "Disk quota exceeded",
            EOPNOTSUPP => "Operation not supported",
            _ => "Unknown error " + errno,
        };
}

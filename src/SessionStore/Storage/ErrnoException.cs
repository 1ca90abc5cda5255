using System.Runtime.InteropServices;

namespace SessionStore.Storage;

/// <summary>
/// An operating system error as an <see cref="IOException"/> whose <see cref="Exception.HResult"/> is
/// the errno, with a message in plain words (what failed, on which path). Never escapes the store:
/// the store wraps it in one of its typed exceptions.
/// </summary>
internal static class ErrnoException
{
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    internal static IOException FromLastError(string doing) => FromErrno(Marshal.GetLastPInvokeError(), doing);

    internal static IOException FromErrno(int errno, string doing) =>
        new($"{Platform.Errno.Describe(errno)} (errno {errno}) while {doing}", errno);

    /// <summary>The errno an exception carries, or 0.</summary>
    internal static int ErrnoOf(Exception exception) => exception is IOException { HResult: > 0 and < 4096 } io ? io.HResult : 0;
}

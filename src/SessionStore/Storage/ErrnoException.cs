using System.Runtime.InteropServices;

namespace SessionStore.Storage;

/// <summary>Turns the last P/Invoke errno into an <see cref="IOException"/> that says what failed.</summary>
internal static class ErrnoException
{
    internal static IOException FromLastError(string doing) => FromErrno(Marshal.GetLastPInvokeError(), doing);

    internal static IOException FromErrno(int errno, string doing) =>
        new($"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}) while {doing}.", errno);
}

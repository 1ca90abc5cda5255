namespace SessionStore.Storage;

/// <summary>
/// A file or directory a <see cref="Platform.StorePlatform"/> opened, closed exactly once (also by the
/// finalizer if a caller forgets): a file descriptor on Linux (<see cref="Platform.LinuxFileDescriptor"/>), a
/// <see cref="Microsoft.Win32.SafeHandles.SafeFileHandle"/> or a checked directory path on the portable
/// platform (<see cref="Platform.PortableFileDescriptor"/>). Only the platform that opened it uses it.
/// </summary>
internal abstract class FileDescriptor : System.Runtime.InteropServices.SafeHandle
{
    private protected FileDescriptor(nint invalid)
        : base(invalid, ownsHandle: true)
    {
    }
}

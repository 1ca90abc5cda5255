using System.Runtime.InteropServices;

namespace SessionStore.Viewer.Tests.Support;

/// <summary>kill(2), to stop a child the way Ctrl+C or a service manager does (SIGTERM), by its process id.</summary>
internal static partial class Posix
{
    private const int SigTerm = 15;

    internal static void Terminate(int pid)
    {
        if (Kill(pid, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

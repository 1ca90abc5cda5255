using System.Runtime.InteropServices;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation a long command can stop at cleanly, between sessions, so it can
/// say what it already did instead of dying mid-sentence. Disposing restores the default (a second Ctrl+C then kills).
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    internal Interruption()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    }

    internal CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        context.Cancel = !_cancel.IsCancellationRequested; // the first signal stops the command; a second one is the default (exit)
        _cancel.Cancel();
    }
}

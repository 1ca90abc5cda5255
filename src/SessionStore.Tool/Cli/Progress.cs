using System.Diagnostics;

namespace SessionStore.Tool.Cli;

/// <summary>
/// One progress line on stderr, redrawn in place, only on a terminal and only once a command has run
/// for a moment: a short run or a pipe never sees it. Cleared when the command is done.
/// </summary>
internal sealed class Progress(Output output, string verb, int total) : IProgress<int>, IDisposable
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _drawnAt = TimeSpan.MinValue;

    public void Report(int value)
    {
        TimeSpan now = _clock.Elapsed;
        if (!output.ShowsProgress || now < Delay || now - _drawnAt < Interval)
        {
            return;
        }

        _drawnAt = now;
        Console.Error.Write(total > 0 ? $"\r{verb} {value:N0} of {total:N0}" : $"\r{verb} {value:N0}");
    }

    public void Dispose()
    {
        if (_drawnAt != TimeSpan.MinValue)
        {
            Console.Error.Write("\r\u001b[K");
        }
    }
}

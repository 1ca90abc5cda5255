using System.Diagnostics;

namespace SessionStore.Tool.Cli;

/// <summary>
/// One progress line on stderr, redrawn in place, only on a terminal and only once a command has run
/// for a moment (0.3 s, or <c>SESSIONS_PROGRESS_DELAY</c> seconds, as git's <c>GIT_PROGRESS_DELAY</c>): a short run or
/// a pipe never sees it. Cleared when the command is done.
/// </summary>
internal sealed class Progress(Output output, string verb, int total) : IProgress<int>, IDisposable
{
    private static readonly TimeSpan Delay = DelayFrom(Environment.GetEnvironmentVariable("SESSIONS_PROGRESS_DELAY"));
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _drawnAt;

    public void Report(int value)
    {
        TimeSpan now = _clock.Elapsed;
        if (!output.ShowsProgress || now < Delay || (_drawnAt is { } drawn && now - drawn < Interval))
        {
            return;
        }

        _drawnAt = now;
        Console.Error.Write(total > 0 ? $"\r{verb} {value:N0} of {total:N0}" : $"\r{verb} {value:N0}");
    }

    private static TimeSpan DelayFrom(string? seconds) =>
        double.TryParse(seconds, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
            && value is >= 0 and <= 3600
            ? TimeSpan.FromSeconds(value)
            : TimeSpan.FromMilliseconds(300);

    public void Dispose()
    {
        if (_drawnAt is not null)
        {
            Console.Error.Write("\r\u001b[K");
        }
    }
}

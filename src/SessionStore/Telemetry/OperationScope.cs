using System.Diagnostics;

namespace SessionStore.Telemetry;

/// <summary>One measured operation: its span (when traced) and its start, for the duration histogram. Made only while someone listens.</summary>
internal sealed class OperationScope(StoreInstruments owner, SessionOperation operation, Activity? activity) : IDisposable
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private string? _errorType;

    /// <summary>Marks the operation failed with <paramref name="error"/>: <c>error.type</c> is the exception's type, the span's status is Error. Nothing of the message is kept (it names ids and paths, never content, but the type is what the convention asks for).</summary>
    internal void Fail(Exception error)
    {
        _errorType = error.GetType().FullName ?? "_OTHER";
        if (activity is not null)
        {
            activity.SetTag("error.type", _errorType);
            activity.SetStatus(ActivityStatusCode.Error, _errorType);
        }
    }

    /// <summary>Ends the span and records the duration.</summary>
    public void Dispose()
    {
        owner.Record(operation, Stopwatch.GetElapsedTime(_started), _errorType);
        activity?.Dispose();
    }
}

using System.Collections.Concurrent;

namespace SessionStore.Testing;

/// <summary>
/// A synchronization context with one thread, the caller's (as a UI thread has): continuations queue
/// up and run only when that thread is free. An asynchronous member that blocked its caller's thread
/// while waiting for a lock would stop everything queued behind it, the release of that lock included.
/// </summary>
internal sealed class SingleThreadedContext : SynchronizationContext
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

    public override void Post(SendOrPostCallback d, object? state) => _queue.Add((d, state));

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send would block the one thread.");

    /// <summary>Runs <paramref name="body"/> on the calling thread under a new context, until it completes.</summary>
    public static void Run(Func<Task> body)
    {
        SynchronizationContext? previous = Current;
        var context = new SingleThreadedContext();
        SetSynchronizationContext(context);
        try
        {
            Task task = body();
            _ = task.ContinueWith(_ => context._queue.CompleteAdding(), TaskScheduler.Default);
            foreach ((SendOrPostCallback callback, object? state) in context._queue.GetConsumingEnumerable())
            {
                callback(state);
            }

            task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}

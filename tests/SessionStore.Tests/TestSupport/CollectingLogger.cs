using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SessionStore.Tests.TestSupport;

/// <summary>A logger factory that keeps every entry its loggers write: level, event, category and the structured state.</summary>
public sealed class CollectingLogger : ILoggerFactory, ILogger
{
    private string _category = "";

    public ConcurrentQueue<(LogLevel Level, EventId Event, string Category, IReadOnlyDictionary<string, object?> State, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName)
    {
        _category = categoryName;
        return this;
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = (state as IEnumerable<KeyValuePair<string, object?>> ?? []).ToDictionary(p => p.Key, p => p.Value);
        Entries.Enqueue((logLevel, eventId, _category, values, formatter(state, exception)));
        lock (Entries)
        {
            Monitor.PulseAll(Entries);
        }
    }

    /// <summary>Waits until an entry with the event <paramref name="eventName"/> has been written; false when none came within <paramref name="timeout"/>.</summary>
    public bool WaitFor(string eventName, TimeSpan timeout)
    {
        DateTime giveUp = DateTime.UtcNow + timeout;
        lock (Entries)
        {
            while (!Entries.Any(e => e.Event.Name == eventName))
            {
                TimeSpan left = giveUp - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }

                Monitor.Wait(Entries, left);
            }

            return true;
        }
    }
}

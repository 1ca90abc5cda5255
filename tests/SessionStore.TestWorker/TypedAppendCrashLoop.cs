using System.Globalization;
using System.Text.Json.Serialization;

namespace SessionStore.TestWorker;

/// <summary>
/// The child of the typed-append crash round: it appends turn "t&lt;n&gt;" to the <see cref="TurnLog"/> "typed"
/// forever (durable, through <see cref="FileSessionStore{TSession}.Append{TItem}"/>), so that its turns are always
/// t0, t1, ... and its count equals their number, and prints "committed &lt;count&gt;" after each append returns.
/// </summary>
public static class TypedAppendCrashLoop
{
    public const string SessionId = "typed";

    public static FileSessionStore<TurnLog> Store(string directory) =>
        new(directory, TurnLog.Descriptor, new FileSessionStoreOptions { LockTimeout = TimeSpan.FromSeconds(30) });

    public static int Run(string directory)
    {
        FileSessionStore<TurnLog> store = Store(directory);
        long count = store.TryLoad(SessionId, out TurnLog? existing) ? existing.Turns.Count : 0;
        string padding = new('p', 200);
        while (true)
        {
            store.Append(SessionId, [new LogTurn(string.Create(CultureInfo.InvariantCulture, $"t{count} {padding}"))]);
            count++;
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"committed {count}"));
        }
    }

    /// <summary>Whether a loaded log is exactly t0 .. t(n-1), with its count n.</summary>
    public static bool IsIntact(TurnLog log)
    {
        for (int i = 0; i < log.Turns.Count; i++)
        {
            if (!log.Turns[i].Text.StartsWith(string.Create(CultureInfo.InvariantCulture, $"t{i} "), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return log.Count == log.Turns.Count;
    }
}

public sealed record LogTurn(string Text);

/// <summary>A session with a growing list and a total that counts it.</summary>
public sealed record TurnLog(string Id, IReadOnlyList<LogTurn> Turns, long Count)
{
    public static SessionDescriptor<TurnLog> Descriptor { get; } =
        new SessionDescriptor<TurnLog>(TurnLogJsonContext.Default.TurnLog, static log => log.Id)
            .WithItems(new SessionItems<TurnLog, LogTurn>(
                "Turns",
                TurnLogJsonContext.Default.LogTurn,
                static log => log.Turns,
                static (log, turns) => log with { Count = checked(log.Count + turns.Count) },
                static id => new TurnLog(id, [], 0)));
}

[JsonSerializable(typeof(TurnLog))]
[JsonSerializable(typeof(LogTurn))]
public sealed partial class TurnLogJsonContext : JsonSerializerContext;

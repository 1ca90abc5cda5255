// A second (third, ...) process for the tests: it works on the same directory as the test process.
//   delete-race <dir> <id-prefix> <count> <start-unix-ms>   deletes <prefix>0..<count-1> from a shared instant; one "<id> <true|false>" line each
//   increment <dir> <id> <count> <start-unix-ms>            Update()s the session <count> times, adding 1 to input_tokens and one message
//   append <dir> <id> <message>                               appends one message (durably), then exits 0
//   hold-lock <dir> <id>                                      holds the session's lock inside Update, prints "locked", and waits to be killed
//   mixed <dir> <seed> <ops>                                  see MixedLoad.cs
//   crash-loop <dir> <sessions>                               see CrashLoop.cs
//   append-crash-loop <dir>                                   see AppendCrashLoop.cs
//   typed-append-crash-loop <dir>                             see TypedAppendCrashLoop.cs
//   operation-crash-loop <fork|delete|repair|import> <dir>    see OperationCrashLoop.cs
//   load-harness <dir> <processes> <ops>                      runs `mixed` children and checks the sums: see LoadHarness.cs
//   index-crash <dir> <id> <message>                         saves through an index that stalls after the file write: see IndexCrash.cs
//   crash-harness <dir> <kills> [seed [python-seed-dir]]      runs crash-loop children and kills them (with the Python module writing between kills): see CrashHarness.cs
using System.Globalization;
using SessionStore;
using SessionStore.TestWorker;

static long Number(string text) => long.Parse(text, CultureInfo.InvariantCulture);

static void WaitFor(long unixMs)
{
    while (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() < unixMs)
    {
        Thread.SpinWait(100);
    }
}

var fast = new FileSessionStoreOptions { Durable = false };
switch (args)
{
    case ["delete-race", var directory, var prefix, var count, var start]:
    {
        var store = new FileSessionStore(directory, fast);
        string[] ids = Enumerable.Range(0, (int)Number(count)).Select(i => prefix + i).ToArray();
        WaitFor(Number(start));
        bool[] results = ids.Select(store.Delete).ToArray();
        Console.Out.Write(string.Concat(ids.Select((id, i) => $"{id} {(results[i] ? "true" : "false")}\n")));
        return 0;
    }

    case ["increment", var directory, var id, var count, var start]:
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMinutes(1) });
        string me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        WaitFor(Number(start));
        for (long i = 0; i < Number(count); i++)
        {
            store.Update(id, s => s is null
                ? new StoredSession(id, [me], 1, 0)
                : s with { InputTokens = s.InputTokens + 1, Messages = [.. s.Messages, me] });
        }

        return 0;
    }

    case ["index-crash", var directory, var id, var message]:
        return IndexCrash.Run(directory, id, message);

    case ["append", var directory, var id, var message]:
        new FileSessionStore(directory).Append(id, [message], 1, 1);
        return 0;

    case ["hold-lock", var directory, var id]:
    {
        var store = new FileSessionStore(directory, fast);
        store.Update(id, s =>
        {
            Console.Out.WriteLine("locked");
            Thread.Sleep(Timeout.Infinite);
            return s!;
        });
        return 0;
    }

    case ["mixed", var directory, var seed, var ops]:
        return MixedLoad.Run(directory, (int)Number(seed), (int)Number(ops));

    case ["append-crash-loop", var directory]:
        return AppendCrashLoop.Run(directory);

    case ["typed-append-crash-loop", var directory]:
        return TypedAppendCrashLoop.Run(directory);

    case ["operation-crash-loop", var operation, var directory]:
        return OperationCrashLoop.Run(operation, directory);

    case ["crash-loop", var directory, var sessions]:
        return CrashLoop.Run(directory, (int)Number(sessions));

    case ["load-harness", var directory, var processes, var ops]:
        return LoadHarness.Run(directory, (int)Number(processes), (int)Number(ops), Console.Out.WriteLine);

    case ["crash-harness", var directory, var kills, ..var rest]:
    {
        int seed = rest is [var s, ..] ? (int)Number(s) : Environment.TickCount;
        ForeignWriter? foreign = rest is [_, var seedDirectory] ? new ForeignWriter(seedDirectory, directory) : null;
        CrashHarness.Report report = CrashHarness.Run(directory, (int)Number(kills), sessions: 4, seed, Console.Out.WriteLine, foreign);
        Console.Out.WriteLine($"survived {report.Kills} kills: {report.WritesCommitted} committed writes ({report.AppendsCommitted} appends), none lost; {report.FilesVerified} session files verified complete; " +
            $"{report.ForeignSaves} Python saves and {report.ForeignDeletes} Python deletes between kills; at most {report.MostLeftoverTempFiles} leftover temp files on disk at once (never visible through the API; verify --repair removes them once older than LeftoverFileAge); {report.Elapsed.TotalSeconds:0} s; seed {seed}");
        return 0;
    }

    default:
        Console.Error.WriteLine("usage: delete-race|increment|hold-lock|crash-loop ... (see Program.cs)");
        return 2;
}

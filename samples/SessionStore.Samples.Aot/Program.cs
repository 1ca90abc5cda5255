// The NativeAOT proof: every store operation, a generated typed store with a migration, and a
// directory the Python reference wrote, in a trimmed native binary. Prints each step; exits 1 on any mismatch.
//   sessions-aot check <work-dir> [<python-written-dir>]
//   sessions-aot check-postgres <connection-string>   the same store checks against PostgreSQL
//   sessions-aot load-loop <dir> <id> <times>          loads one session many times, for a profiler
//   sessions-aot list <dir>
using SessionStore;
using SessionStore.Samples.Aot;

switch (args)
{
    case ["list", var directory]:
        foreach (string id in new FileSessionStore(directory).List())
        {
            Console.Out.WriteLine(id);
        }

        return 0;

    case ["load-loop", var directory, var id, var times]:
        // For profiling (valgrind --tool=callgrind): the same load, many times.
        var profiled = new FileSessionStore(directory);
        long messages = 0;
        for (int i = 0; i < int.Parse(times, System.Globalization.CultureInfo.InvariantCulture); i++)
        {
            messages += profiled.Load(id).Messages.Count;
        }

        Console.Out.WriteLine(messages);
        return 0;

    case ["check-postgres", var connectionString]:
        return new Checks(Console.Out).RunPostgres(connectionString);

    case ["check", var workDirectory, .. var rest]:
        return new Checks(Console.Out).Run(workDirectory, rest is [var pythonDirectory] ? pythonDirectory : null);

    default:
        Console.Error.WriteLine("usage: sessions-aot check <work-dir> [<python-written-dir>] | check-postgres <connection-string> | list <dir>");
        return 2;
}

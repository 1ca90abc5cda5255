using System.Globalization;
using SessionStore.Benchmarks.Baselines;

namespace SessionStore.Benchmarks.Syscalls;

/// <summary>
/// The process that <c>benchmarks/syscalls.sh</c> runs under <c>strace -c -f</c>: <c>prepare</c> fills a
/// directory (untraced), <c>run</c> does one operation N times. The script runs N and 2N operations and
/// divides the difference by N, so the runtime's start-up and the store's construction cancel out.
/// </summary>
public static class SyscallLoop
{
    private const string Id = "s";

    public static int Run(string phase, string operation, string directory, int count)
    {
        int messages = operation.StartsWith("load-", StringComparison.Ordinal) ? int.Parse(operation["load-".Length..], CultureInfo.InvariantCulture) : 100;
        StoredSession session = Sessions.Make(Id, messages);
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Durable = operation.EndsWith("-durable", StringComparison.Ordinal) });
        byte[] bytes = File.ReadAllBytes(new FileSessionStore(Path.Join(directory, ".bytes"), new FileSessionStoreOptions { Durable = false }).Save(session));
        if (phase == "prepare")
        {
            if (operation.StartsWith("delete", StringComparison.Ordinal))
            {
                for (int i = 0; i < count; i++)
                {
                    store.Save(session with { SessionId = Name(i) });
                }
            }
            else
            {
                store.Save(session);
            }

            return 0;
        }

        Action<int> op = operation switch
        {
            _ when operation.StartsWith("load-", StringComparison.Ordinal) => _ => store.Load(Id),
            "save" or "save-durable" => _ => store.Save(session),
            "exists" => _ => store.Exists(Id),
            "list" => _ => store.List(),
            "delete" or "delete-durable" => i => store.Delete(Name(i)),
            "append" or "append-durable" => _ => store.Append(Id, ["one more turn: the quick brown fox jumps over the lazy dog"], 1, 1),
            "floor-load" => _ => Floor.Read(directory, Id + ".json"),
            "floor-save" or "floor-save-durable" => _ => Floor.Write(directory, Id + ".json", bytes, durable: operation.EndsWith("-durable", StringComparison.Ordinal)),
            _ => throw new ArgumentException("unknown operation " + operation),
        };

        // The same warm-up in every run, so JIT and tiering cost the same whatever N is.
        if (!operation.StartsWith("delete", StringComparison.Ordinal))
        {
            for (int i = 0; i < 50; i++)
            {
                op(i);
            }
        }

        for (int i = 0; i < count; i++)
        {
            op(i);
        }

        return 0;
    }

    private static string Name(int i) => "d" + i.ToString("D7", CultureInfo.InvariantCulture);
}

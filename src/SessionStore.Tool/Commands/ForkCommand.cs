using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>fork &lt;id&gt; &lt;new-id&gt;</c>: an atomic copy that never overwrites; exit 4 when <c>new-id</c> exists.</summary>
internal static class ForkCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var source = Ids.One("id", "The session to copy.");
        var target = Ids.One("new-id", "The id of the copy; must not exist yet.");
        var command = new Command("fork", "Copy a session to a new id, atomically; never overwrites.") { source, target };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.OpenForWriting(globals, result);
            string from = result.GetValue(source)!, to = result.GetValue(target)!;
            string path;
            try
            {
                path = store.Sessions.Fork(from, to);
            }
            catch (SessionCorruptException) when (store.OtherTypes.IsOtherType(from))
            {
                throw new ToolException(ExitCodes.Failure,
                    $"session '{from}' is a session of another type, not in the reference format, and fork copies reference sessions only: copy it with its own store");
            }
            catch (SessionConflictException)
            {
                throw new ToolException(ExitCodes.Conflict, $"session '{to}' exists already, and fork never overwrites: pick another id, or delete '{to}' first");
            }

            output.Result($"forked {from} -> {to} ({path})", ("source", from), ("target", to), ("path", path));

            return ExitCodes.Success;
        });
        return command;
    }
}

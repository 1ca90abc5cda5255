using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>pin &lt;id&gt;...</c> exempts sessions from prune; <c>unpin &lt;id&gt;...</c> lifts that. Exit 3 if a session to pin does not exist.</summary>
internal static class PinCommand
{
    internal static Command Create(GlobalOptions globals, bool pin)
    {
        var ids = Ids.Many("id", pin ? "The sessions to pin." : "The sessions to unpin.", atLeastOne: true);
        var command = new Command(pin ? "pin" : "unpin", pin
            ? "Pin sessions: prune never moves them to the trash. The pin is kept in the store (a copy keeps it)."
            : "Unpin sessions, so prune may move them again.") { ids };
        command.SetAction(result =>
        {
            var outcomes = new Outcomes(globals.OutputOf(result));
            ToolStore store = Stores.OpenForWriting(globals, result);
            int exit = ExitCodes.Success;
            foreach (string id in result.GetValue(ids)!)
            {
                try
                {
                    bool changed = pin ? store.Retention.Pin(id) : store.Retention.Unpin(id);
                    if (!pin && !changed && !store.Sessions.Exists(id))
                    {
                        throw store.NotFound(id);
                    }

                    outcomes.Add(id, changed ? (pin ? "pinned" : "unpinned") : (pin ? "already_pinned" : "not_pinned"),
                        changed ? $"{(pin ? "pinned  " : "unpinned")}  {id}" : $"{id} {(pin ? "was pinned already" : "was not pinned")}");
                }
                catch (Exception ex) when (ex is IOException or KeyNotFoundException)
                {
                    exit = Math.Max(exit, outcomes.Fail(id, ex));
                }
            }

            outcomes.Flush();
            return exit;
        });
        return command;
    }
}

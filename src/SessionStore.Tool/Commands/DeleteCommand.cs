using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>delete &lt;id&gt;...</c>: deletes for good and says, per id, deleted, not found or failed. Exit 1 if any
/// failed, else 3 if any was not found. Asks first at a terminal (<see cref="Confirmation"/>); <c>--dry-run</c> only says
/// what it would do. (<c>prune</c> moves to the trash instead.)
/// </summary>
internal static class DeleteCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var ids = Ids.Many("id", "The sessions to delete.", atLeastOne: true);
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say which sessions would be deleted and which do not exist." };
        var command = new Command("delete", "Delete sessions for good; says for each whether it was deleted, not found or could not be deleted.") { ids, dryRun };
        command.SetAction(result =>
        {
            var outcomes = new Outcomes(globals.OutputOf(result));
            bool dry = result.GetValue(dryRun);
            ToolStore store = dry ? Stores.Open(globals, result) : Stores.OpenForWriting(globals, result);
            string[] wanted = result.GetValue(ids)!;
            if (!dry)
            {
                string[] present = [.. wanted.Where(store.Sessions.Exists).Distinct(StringComparer.Ordinal)];
                if (present.Length > 0)
                {
                    Confirmation.Require(globals, result, $"delete {present.Length} session(s) for good ({Ids.Sample(present)})?", "nothing was deleted");
                }
            }

            bool anyFailed = false, anyMissing = false;
            foreach (string id in wanted)
            {
                try
                {
                    if (dry)
                    {
                        bool exists = store.Sessions.Exists(id);
                        anyMissing |= !exists;
                        outcomes.Add(id, exists ? "would_delete" : "not_found", exists ? $"would delete  {id}" : $"not found     {id}");
                    }
                    else if (store.Sessions.Delete(id))
                    {
                        outcomes.Add(id, "deleted", $"deleted    {id}");
                    }
                    else
                    {
                        anyMissing = true;
                        outcomes.Add(id, "not_found", $"not found  {id}");
                    }
                }
                catch (SessionDeleteException ex)
                {
                    anyFailed = true;
                    _ = outcomes.Fail(id, ex);
                }
                catch (IOException ex)
                {
                    // The lock stayed taken, or its folder could not be made: not deleted either.
                    anyFailed = true;
                    _ = outcomes.Fail(id, ex);
                }
            }

            outcomes.Flush();
            return anyFailed ? ExitCodes.Failure : anyMissing ? ExitCodes.NotFound : ExitCodes.Success;
        });
        return command;
    }
}

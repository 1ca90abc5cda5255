using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>delete &lt;id&gt;...</c>: deletes for good and says, per id, deleted, not found or failed. Exit 1 if any
/// failed, else 3 if any was not found. (<c>prune</c> moves to the trash instead.)
/// </summary>
internal static class DeleteCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var ids = Ids.Many("id", "The sessions to delete.", atLeastOne: true);
        var command = new Command("delete", "Delete sessions for good; says for each whether it was deleted, not found or could not be deleted.") { ids };
        command.SetAction(result =>
        {
            var outcomes = new Outcomes(globals.OutputOf(result));
            ToolStore store = Stores.OpenForWriting(globals, result);
            bool anyFailed = false, anyMissing = false;
            foreach (string id in result.GetValue(ids)!)
            {
                try
                {
                    if (store.Sessions.Delete(id))
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

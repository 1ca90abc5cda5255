using System.CommandLine;

namespace SessionStore.Samples.Console.Commands;

/// <summary>
/// <c>delete &lt;id&gt;...</c>: reports each id as deleted, not found or failed. The exit code is 1 if any
/// failed, else 3 if any was not found, else 0.
/// </summary>
internal static class DeleteCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var idsArgument = new Argument<string[]>("id") { Description = "The ids of the sessions to delete.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("delete", "Delete sessions; says for each whether it was deleted, not found or could not be deleted.") { idsArgument };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            bool anyFailed = false;
            bool anyMissing = false;
            foreach (string id in result.GetValue(idsArgument)!)
            {
                try
                {
                    if (store.Delete(id))
                    {
                        System.Console.Out.WriteLine($"deleted    {id}");
                    }
                    else
                    {
                        anyMissing = true;
                        System.Console.Out.WriteLine($"not found  {id}");
                    }
                }
                catch (Exception ex) when (ex is SessionDeleteException or InvalidSessionIdException)
                {
                    anyFailed = true;
                    System.Console.Out.WriteLine($"failed     {id}");
                    System.Console.Error.WriteLine("error: " + ex.Message);
                }
            }

            return anyFailed ? ToolErrors.Failure : anyMissing ? ToolErrors.NotFound : ToolErrors.Success;
        });
        return command;
    }
}

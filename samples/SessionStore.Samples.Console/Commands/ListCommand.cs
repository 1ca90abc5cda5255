using System.CommandLine;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>list</c>: the stored sessions' ids, one per line.</summary>
internal static class ListCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var command = new Command("list", "List the ids of the stored sessions, sorted.");
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            foreach (string id in store.List())
            {
                System.Console.Out.WriteLine(id);
            }

            return ToolErrors.Success;
        });
        return command;
    }
}

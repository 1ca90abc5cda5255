using System.CommandLine;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>fork &lt;id&gt; &lt;new-id&gt;</c>: an atomic copy that never overwrites an existing session.</summary>
internal static class ForkCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var source = new Argument<string>("id") { Description = "The session to copy." };
        var target = new Argument<string>("new-id") { Description = "The id of the copy; must not exist yet." };
        var command = new Command("fork", "Copy a session to a new id, atomically.") { source, target };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            string path = store.Fork(result.GetValue(source)!, result.GetValue(target)!);
            System.Console.Out.WriteLine($"forked {result.GetValue(source)} -> {result.GetValue(target)} ({path})");
            return ToolErrors.Success;
        });
        return command;
    }
}

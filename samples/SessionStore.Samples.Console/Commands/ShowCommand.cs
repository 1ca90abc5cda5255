using System.CommandLine;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>show &lt;id&gt;</c>: one session's counts and messages.</summary>
internal static class ShowCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var idArgument = new Argument<string>("id") { Description = "The session's id." };
        var command = new Command("show", "Show one session: its token counts and its messages.") { idArgument };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            StoredSession session = store.Load(result.GetValue(idArgument)!);
            TextWriter output = System.Console.Out;
            output.WriteLine($"session  {session.SessionId}");
            output.WriteLine($"tokens   {session.InputTokens} in, {session.OutputTokens} out");
            output.WriteLine($"messages {session.Messages.Count}");
            for (int i = 0; i < session.Messages.Count; i++)
            {
                output.WriteLine($"  [{i}] {session.Messages[i]}");
            }

            return ToolErrors.Success;
        });
        return command;
    }
}

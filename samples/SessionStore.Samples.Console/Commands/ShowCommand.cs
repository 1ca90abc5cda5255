using System.CommandLine;
using System.Text.Json;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>show &lt;id&gt;</c>: one session's counts and messages.</summary>
internal static class ShowCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var idArgument = new Argument<string>("id") { Description = "The session's id." };
        var json = new Option<bool>("--json") { Description = "Print the session as JSON, in the reference's format." };
        var command = new Command("show", "Show one session: its token counts and its messages.") { idArgument, json };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            StoredSession session = store.Load(result.GetValue(idArgument)!);
            TextWriter output = System.Console.Out;
            if (result.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(session, ToolJsonContext.Default.StoredSession));
                return ToolErrors.Success;
            }

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

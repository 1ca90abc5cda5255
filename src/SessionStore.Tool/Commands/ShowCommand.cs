using System.CommandLine;
using System.Text.Json;
using SessionStore.Tool.Cli;
using SessionStore.Tool.Rendering;

namespace SessionStore.Tool.Commands;

/// <summary><c>show &lt;id&gt; [--tail N]</c>: one session as a readable conversation, or in the reference format with <c>--json</c>. Reads only.</summary>
internal static class ShowCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var id = Ids.One("id", "The session's id.");
        var tail = new Option<int?>("--tail") { Description = "Show only the last N messages.", CustomParser = Counts.NotNegative };
        var command = new Command("show", "Show one session as a conversation (roles, tool calls, usage); --json prints it in the reference format.") { id, tail };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            FileSessionStore store = Stores.Open(globals.DirectoryOf(result));
            StoredSession session = store.Load(result.GetValue(id)!);
            if (output.Json)
            {
                Output.WriteJson(writer => JsonSerializer.Serialize(writer, session, SessionJson.StoredSession));
                return ExitCodes.Success;
            }

            Conversation.Print(output, session, store.Summarize(session.SessionId), result.GetValue(tail));
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using System.Text.Json;
using SessionStore.Tool.Cli;
using SessionStore.Tool.Rendering;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>show &lt;id&gt; [--tail N]</c>: one session as a readable conversation, or in the reference format with <c>--json</c>.
/// A session another type wrote (an agent's conversation of Microsoft.Extensions.AI messages) is shown with its
/// roles, authors, tool calls and results, and printed as stored with <c>--json</c>. A conversation longer than the
/// terminal goes through the <see cref="Pager"/>. Reads only.
/// </summary>
internal static class ShowCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var id = Ids.One("id", "The session's id.");
        var tail = new Option<int?>("--tail") { Description = "Show only the last N messages.", CustomParser = Counts.NotNegative };
        var command = new Command("show", "Show one session as a conversation (roles, tool calls, usage); --json prints it in the reference format.") { id, tail };
        command.SetAction(result =>
        {
            // A long conversation at a terminal is paged (Pager): rendered first, then shown.
            var rendered = new StringWriter();
            Output output = globals.OutputOf(result).To(rendered);
            ToolStore store = Stores.Open(globals, result);
            StoredSession session;
            try
            {
                session = store.Sessions.Load(result.GetValue(id)!);
            }
            catch (SessionCorruptException)
            {
                // Another session type wrote it (an agent's conversation): shown as it is, JSON as stored. A damaged
                // file (one that claims the reference format and breaks it is) fails here, for the library's reason.
                (JsonElement document, SessionSummary summary) = store.OtherTypes.Read(result.GetValue(id)!)
                    ?? throw store.NotFound(result.GetValue(id)!);
                if (output.Json)
                {
                    Output.WriteJson(writer => document.WriteTo(writer));
                }
                else
                {
                    Conversation.Print(output, result.GetValue(id)!, document, summary, result.GetValue(tail));
                    Pager.Write(rendered.ToString());
                }

                return ExitCodes.Success;
            }

            if (output.Json)
            {
                Output.WriteJson(writer => JsonSerializer.Serialize(writer, session, SessionJson.StoredSession));
                return ExitCodes.Success;
            }

            Conversation.Print(output, session, store.Sessions.Summarize(session.SessionId), result.GetValue(tail));
            Pager.Write(rendered.ToString());
            return ExitCodes.Success;
        });
        return command;
    }
}

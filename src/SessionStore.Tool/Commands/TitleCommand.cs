using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>title ID TEXT</c> sets a session's title in the store's index (the transcript is not rewritten); <c>--clear</c> goes back to the derived one.</summary>
internal static class TitleCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var id = Ids.One("id", "The session.");
        var text = new Argument<string?>("text") { Description = "The new title.", Arity = ArgumentArity.ZeroOrOne };
        var clear = new Option<bool>("--clear") { Description = "Go back to the title derived from the first user message." };
        var command = new Command("title", "Set a session's title (kept beside the session; its transcript is not rewritten).") { id, text, clear };
        command.SetAction(result =>
        {
            string? title = result.GetValue(text);
            if ((title is null) == !result.GetValue(clear))
            {
                throw new ToolException(ExitCodes.Usage, "give the new title, or --clear (not both)");
            }

            Output output = globals.OutputOf(result);
            ToolStore store = Stores.OpenForWriting(globals, result);
            string session = result.GetValue(id)!;
            SessionMetadata metadata = Catalogs.Update(store, "title", session, new SessionMetadataChange { Title = title ?? "" });
            output.Result($"{session}: {output.Visible(metadata.Title)}", ("session_id", session), ("title", metadata.Title));
            return ExitCodes.Success;
        });
        return command;
    }
}

using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>tag ID +a -b</c> adds and removes a session's tags in the store's index (the transcript is not rewritten); with no change it prints them.</summary>
internal static class TagCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var id = Ids.One("id", "The session.");
        var changes = new Argument<string[]>("changes") { Description = "+tag adds a tag, -tag removes one (after --, or as +tag/-tag: '--' ends options).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("tag", "Add (+tag) or remove (-tag) a session's tags; with none, print them.") { id, changes };
        command.SetAction(result =>
        {
            string[] given = result.GetValue(changes) ?? [];
            if (given.FirstOrDefault(c => c.Length < 2 || c[0] is not ('+' or '-')) is { } bad)
            {
                throw new ToolException(ExitCodes.Usage, $"'{bad}' is not a change: write +tag to add a tag and -tag to remove one");
            }

            Output output = globals.OutputOf(result);
            string session = result.GetValue(id)!;
            ToolStore store = given.Length == 0 ? Stores.Open(globals, result) : Stores.OpenForWriting(globals, result);
            SessionMetadata metadata = Catalogs.Update(store, "tag", session, new SessionMetadataChange
            {
                AddTags = [.. given.Where(c => c[0] == '+').Select(c => c[1..])],
                RemoveTags = [.. given.Where(c => c[0] == '-').Select(c => c[1..])],
            });
            output.Result($"{session}: {(metadata.Tags.Count == 0 ? "no tags" : output.Visible(string.Join(' ', metadata.Tags)))}",
                ("session_id", session), ("tags", string.Join(',', metadata.Tags)));
            return ExitCodes.Success;
        });
        return command;
    }
}

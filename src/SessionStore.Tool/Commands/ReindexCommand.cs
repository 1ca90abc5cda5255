using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>reindex</c>: builds the store's index again from its sessions (caller titles and tags are kept), with progress at a terminal.</summary>
internal static class ReindexCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var command = new Command("reindex", "Build the store's index again from its sessions (titles and tags that were set are kept).");
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.OpenForWriting(globals, result);
            ISessionCatalog catalog = store.RequireCatalog("reindex");
            int count;
            using (var progress = new Progress(output, "indexing", store.Sessions.List().Count))
            {
                count = catalog.Rebuild(progress);
            }

            output.Result($"indexed {count} session(s)", ("indexed", count));
            return ExitCodes.Success;
        });
        return command;
    }
}

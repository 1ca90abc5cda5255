using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>reindex</c>: builds the store's index again from its sessions (caller titles and tags are kept), with progress at a terminal.</summary>
internal static class ReindexCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var command = new Command("reindex", "Build the store's index from its sessions (a directory gets one if it has none; titles and tags that were set are kept).");
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            // The one command that makes a directory's index where there is none (the index makes its own private, link-safe .index).
            ToolStore store = Stores.OpenForWriting(globals, result);
            ISessionCatalog catalog = store.DirectoryStore is { } directory
                ? Stores.OpenForWriting(directory.DirectoryPath, index: true)
                : store.RequireCatalog("reindex");
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

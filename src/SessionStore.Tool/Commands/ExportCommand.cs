using System.CommandLine;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>export [id...]</c>: sessions as a JSON array on stdout (the reference format), all read before any is written. Reads only.</summary>
internal static class ExportCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var ids = Ids.Many("id", "The sessions to export (default: all).", atLeastOne: false);
        var command = new Command("export", "Write sessions as a JSON array to stdout (always JSON), for 'sessions import'.") { ids };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            FileSessionStore store = Stores.Open(globals.DirectoryOf(result));
            string[] wanted = result.GetValue(ids) is { Length: > 0 } given ? given : [.. store.List()];
            var sessions = new List<StoredSession>(wanted.Length);
            using (var progress = new Progress(output, "reading", wanted.Length))
            {
                foreach (string id in wanted)
                {
                    sessions.Add(store.Load(id));
                    progress.Report(sessions.Count);
                }
            }

            Output.WriteJson(writer =>
            {
                writer.WriteStartArray();
                foreach (StoredSession session in sessions)
                {
                    JsonSerializer.Serialize(writer, session, SessionJson.StoredSession);
                }

                writer.WriteEndArray();
            });
            return ExitCodes.Success;
        });
        return command;
    }
}

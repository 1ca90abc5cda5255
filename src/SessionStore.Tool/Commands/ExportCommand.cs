using System.CommandLine;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>export [id...]</c>: sessions as a JSON array on stdout (the reference format), all read before any is
/// written. Reads only. A session it cannot read (corrupt, unreadable, of a newer schema) is left out and
/// named on stderr, the rest is exported, and the exit code is 1 so a script sees the export is partial. A session of
/// another type (an agent's conversation) is named as one, not as corrupt.
/// </summary>
internal static class ExportCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var ids = Ids.Many("id", "The sessions to export (default: all).", atLeastOne: false);
        var command = new Command("export", "Write sessions as a JSON array to stdout (always JSON), for 'sessions import'.") { ids };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.Open(globals, result);
            string[] wanted = result.GetValue(ids) is { Length: > 0 } given ? given : [.. store.Sessions.List()];
            var sessions = new List<StoredSession>(wanted.Length);
            var skipped = new List<string>();
            var others = store.OtherTypes;
            using (var progress = new Progress(output, "reading", wanted.Length))
            {
                foreach (string id in wanted)
                {
                    try
                    {
                        sessions.Add(store.Sessions.Load(id));
                    }
                    catch (SessionCorruptException) when (others.IsOtherType(id))
                    {
                        skipped.Add($"skipped session '{id}': it is a session of another type, not in the reference format that export writes (for 'sessions import')");
                    }
                    catch (Exception ex) when (ex is SessionCorruptException or SessionStorageException or SessionSchemaVersionException)
                    {
                        skipped.Add($"skipped session '{id}': {Errors.Describe(ex).Message}");
                    }

                    progress.Report(sessions.Count + skipped.Count);
                }
            }

            skipped.ForEach(Output.Error);

            Output.WriteJson(writer =>
            {
                writer.WriteStartArray();
                foreach (StoredSession session in sessions)
                {
                    JsonSerializer.Serialize(writer, session, SessionJson.StoredSession);
                }

                writer.WriteEndArray();
            });
            return skipped.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }
}

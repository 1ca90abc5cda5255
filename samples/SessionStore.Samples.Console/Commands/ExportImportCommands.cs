using System.CommandLine;
using System.Text.Json;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>export [id...]</c> writes sessions as a JSON array to stdout; <c>import</c> reads one from stdin and saves every session, or none if any is invalid.</summary>
internal static class ExportImportCommands
{
    internal static Command CreateExport(Option<string> dirOption)
    {
        var ids = new Argument<string[]>("id") { Description = "The sessions to export (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("export", "Write sessions as a JSON array to stdout.") { ids };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            string[] wanted = result.GetValue(ids) is { Length: > 0 } given ? given : [.. store.List()];
            List<StoredSession> sessions = wanted.Select(store.Load).ToList();
            System.Console.Out.WriteLine(JsonSerializer.Serialize(sessions, ToolJsonContext.Default.ListStoredSession));
            return ToolErrors.Success;
        });
        return command;
    }

    internal static Command CreateImport(Option<string> dirOption)
    {
        var command = new Command("import", "Read a JSON array of sessions from stdin and save them all (or none, if any is invalid).");
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            List<StoredSession> sessions;
            try
            {
                sessions = JsonSerializer.Deserialize(System.Console.OpenStandardInput(), ToolJsonContext.Default.ListStoredSession)
                    ?? throw new ArgumentException("stdin holds null, not an array of sessions");
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"stdin is not a JSON array of sessions: {ex.Message}", ex);
            }

            foreach (StoredSession session in sessions)
            {
                if (session is null || !SessionIdRules.IsValid(session.SessionId) || session.Messages.Any(m => m is null) || session.InputTokens < 0 || session.OutputTokens < 0)
                {
                    throw new ArgumentException($"session '{session?.SessionId}' is not valid; nothing was imported");
                }
            }

            foreach (StoredSession session in sessions)
            {
                store.Save(session);
            }

            System.Console.Out.WriteLine($"imported {sessions.Count} session(s)");
            return ToolErrors.Success;
        });
        return command;
    }
}

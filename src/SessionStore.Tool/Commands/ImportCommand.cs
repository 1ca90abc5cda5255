using System.CommandLine;
using System.Text;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>import [--overwrite]</c>: reads a JSON array of sessions from stdin and saves all of them or none: the
/// input is checked whole first (valid sessions, no id twice, no existing id unless <c>--overwrite</c>), and
/// the count printed is the count stored.
/// </summary>
internal static class ImportCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace sessions that exist already (default: refuse, exit 4, import nothing)." };
        var command = new Command("import", "Read a JSON array of sessions from stdin and save them all, or none if any is invalid or exists already.") { overwrite };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            FileSessionStore store = Stores.Open(globals.DirectoryOf(result));
            List<StoredSession> sessions = Read(Encoding.UTF8.GetBytes(Console.In.ReadToEnd()));
            string? twice = sessions.GroupBy(s => s.SessionId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
            if (twice is not null)
            {
                throw new ToolException(ExitCodes.Failure, $"the input holds session '{twice}' more than once; nothing was imported");
            }

            var existing = sessions.Where(s => store.Exists(s.SessionId)).Select(s => s.SessionId).ToHashSet(StringComparer.Ordinal);
            if (existing.Count > 0 && !result.GetValue(overwrite))
            {
                throw new ToolException(ExitCodes.Conflict,
                    $"{existing.Count} session(s) exist already ({string.Join(", ", existing.Order(StringComparer.Ordinal).Take(3))}{(existing.Count > 3 ? ", ..." : "")}); nothing was imported: --overwrite replaces them");
            }

            int done = 0;
            foreach (StoredSession session in sessions)
            {
                try
                {
                    _ = existing.Contains(session.SessionId) ? store.Save(session) : store.SaveIfMatch(session, expectedETag: null);
                }
                catch (SessionConflictException)
                {
                    throw new ToolException(ExitCodes.Conflict, $"session '{session.SessionId}' appeared while importing and was left as it is; {done} of {sessions.Count} were imported before it");
                }

                done++;
            }

            int replaced = existing.Count;
            output.Result($"imported {done} session(s): {done - replaced} new, {replaced} replaced", ("imported", done), ("new", done - replaced), ("replaced", replaced));

            return ExitCodes.Success;
        });
        return command;
    }

    private static List<StoredSession> Read(byte[] input)
    {
        var reader = new Utf8JsonReader(input);
        var sessions = new List<StoredSession>();
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new ToolException(ExitCodes.Failure, "the input is not a JSON array of sessions; nothing was imported");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int element = sessions.Count + 1;
                StoredSession? session = reader.TokenType == JsonTokenType.Null ? null : ReadOne(ref reader, element);
                if (session is null)
                {
                    throw new ToolException(ExitCodes.Failure, $"element {element} of the input is null, not a session; nothing was imported");
                }

                try
                {
                    session.Validate();
                }
                catch (ArgumentException ex)
                {
                    throw new ToolException(ExitCodes.Failure, $"element {element} of the input is not a valid session: {Errors.Plain(ex.Message)}; nothing was imported");
                }

                sessions.Add(session);
            }

            if (reader.Read())
            {
                throw new ToolException(ExitCodes.Failure, "the input holds more than one JSON array; nothing was imported");
            }
        }
        catch (JsonException ex)
        {
            throw new ToolException(ExitCodes.Failure, $"the input is not valid JSON{Errors.Where(ex)}; nothing was imported");
        }

        return sessions;
    }

    private static StoredSession? ReadOne(ref Utf8JsonReader reader, int element)
    {
        try
        {
            return JsonSerializer.Deserialize(ref reader, SessionJson.StoredSession);
        }
        catch (JsonException ex) when (ex.InnerException is null && !ex.Message.Contains("LineNumber", StringComparison.Ordinal))
        {
            throw new ToolException(ExitCodes.Failure, $"element {element} of the input is not a valid session: {Errors.Plain(ex.Message)}; nothing was imported");
        }
    }
}

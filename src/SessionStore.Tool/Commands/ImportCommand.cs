using System.CommandLine;
using System.Text;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>import [--overwrite]</c>: reads a JSON array of sessions from stdin and saves them through
/// <see cref="FileSessionStore{TSession}.Import"/>: the input is checked whole first (valid sessions within
/// the size limit, no id twice, no id holding a different session unless <c>--overwrite</c>), so bad input
/// imports nothing. A crash part-way leaves whole sessions, never a torn one, and running the same import
/// again completes it (sessions already as imported are counted unchanged).
/// </summary>
internal static class ImportCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace sessions that exist with different content (default: refuse, exit 4, import nothing)." };
        var command = new Command("import", "Read a JSON array of sessions from stdin and save them all, or none if any is invalid or exists with different content; run again after a crash to finish.") { overwrite };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.OpenOrCreate(globals, result);

            List<StoredSession> sessions = Read(Encoding.UTF8.GetBytes(Console.In.ReadToEnd()));
            ImportResult imported;
            try
            {
                imported = store.Import(sessions, result.GetValue(overwrite));
            }
            catch (SessionTooLargeException ex)
            {
                throw new ToolException(ExitCodes.Failure, $"session '{ex.SessionId}' is {ex.SizeBytes} bytes, over the store's limit of {ex.MaxSessionBytes}; nothing was imported");
            }
            catch (ArgumentException ex) when (ex is not InvalidSessionIdException)
            {
                throw new ToolException(ExitCodes.Failure, Errors.Plain(ex.Message));
            }
            catch (SessionConflictException ex)
            {
                throw new ToolException(ExitCodes.Conflict, $"session '{ex.SessionId}' exists already with different content; --overwrite replaces it ({ex.Message})");
            }

            output.Result($"imported {imported.Added.Count + imported.Replaced.Count} session(s): {imported.Added.Count} new, {imported.Replaced.Count} replaced, {imported.Unchanged.Count} unchanged",
                ("imported", imported.Added.Count + imported.Replaced.Count), ("new", imported.Added.Count), ("replaced", imported.Replaced.Count), ("unchanged", imported.Unchanged.Count));

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

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
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the whole input and say how many sessions would be new, replaced and unchanged; save nothing." };
        var command = new Command("import", "Read a JSON array of sessions from stdin and save them all, or none if any is invalid or exists with different content; run again after a crash to finish.") { overwrite, dryRun };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            bool dry = result.GetValue(dryRun), replace = result.GetValue(overwrite);
            ToolStore store = dry ? Stores.Open(globals, result) : Stores.OpenOrCreate(globals, result);

            if (!Console.IsInputRedirected)
            {
                output.Note("reading a JSON array of sessions from this terminal; end with Ctrl-D (usually: sessions import < backup.json)");
            }

            // The bytes of file descriptor 0 itself, not Console.In: .NET's console reader edits lines on a terminal and
            // never ends at Ctrl-D; the terminal's own line mode does.
            var input = new MemoryStream();
            using (Stream stdin = OperatingSystem.IsWindows()
                ? Console.OpenStandardInput()
                : new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(0, ownsHandle: false), FileAccess.Read, bufferSize: 0))
            {
                stdin.CopyTo(input);
            }

            List<StoredSession> sessions = Read(input.ToArray());
            if (!dry)
            {
                store.PrepareForImport(); // the input is valid: a missing table may be created now
            }

            ImportPlan plan = ImportPlan.Of(store.Sessions, sessions);
            if (plan.Replaced.Count > 0 && !replace)
            {
                throw new ToolException(ExitCodes.Conflict,
                    $"session '{plan.Replaced[0]}' exists already with different content; --overwrite replaces it; nothing was imported");
            }

            if (dry)
            {
                output.Result($"would import {plan.New.Count + plan.Replaced.Count} session(s): {plan.New.Count} new, {plan.Replaced.Count} replaced, {plan.Unchanged.Count} unchanged; nothing was saved",
                    ("would_import", plan.New.Count + plan.Replaced.Count), ("new", plan.New.Count), ("replaced", plan.Replaced.Count), ("unchanged", plan.Unchanged.Count));
                return ExitCodes.Success;
            }

            if (plan.Replaced.Count > 0)
            {
                Confirmation.Require(globals, result, $"replace {plan.Replaced.Count} session(s) that exist with different content ({Ids.Sample(plan.Replaced)})?", "nothing was imported");
            }

            ImportResult imported;
            try
            {
                imported = store.Import(sessions, replace);
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

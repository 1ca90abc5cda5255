using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>demo</c>: saves a few sessions, lists them, loads one, deletes one twice, and moves one through the
/// trash and back. It writes into a new temp directory, or into <c>--dir</c> only when that is empty or new:
/// it never touches a store that holds anything.
/// </summary>
internal static class DemoCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var command = new Command("demo", "A short tour of the store, in a new temp directory (or in --dir if it is empty or new).");
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            Stores.RefusePostgres(globals, result, "demo");
            string directory = globals.DirectoryGiven(result) ? EmptyOrNew(globals.DirectoryOf(result)) : Directory.CreateTempSubdirectory("sessions-demo-").FullName;
            var steps = new List<string>();
            bool ok = Run(new FileSessionStore(directory), steps.Add);
            if (output.Json)
            {
                Output.WriteJson(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("directory", directory);
                    writer.WriteBoolean("ok", ok);
                    writer.WriteStartArray("steps");
                    steps.ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                });
            }
            else
            {
                steps.ForEach(output.Line);
                output.Note($"the demo's store stays in '{directory}': try 'sessions list --dir {directory}'");
            }

            return ok ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static string EmptyOrNew(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (File.Exists(full) || (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any()))
        {
            throw new ToolException(ExitCodes.Usage, $"'{full}' is not an empty directory, and the demo writes only into an empty or new one (leave out --dir for a temp directory)");
        }

        return full;
    }

    private static bool Run(FileSessionStore store, Action<string> say)
    {
        say($"store   {store.DirectoryPath}");
        StoredSession[] sessions =
        [
            new("demo-greeting", ["user: hello", "assistant: hi! how can I help?"], 12, 34),
            new("demo-weather", ["user: what's the weather in Zürich?", "assistant: sunny, 21 °C"], 20, 41),
            new("demo-scratch", ["this one gets deleted"], 5, 3),
        ];
        foreach (StoredSession session in sessions)
        {
            say($"saved   {session.SessionId} -> {store.Save(session)}");
        }

        say($"list    {string.Join(", ", store.List())}");
        StoredSession loaded = store.Load("demo-weather");
        say($"load    {loaded.SessionId}: {loaded.Messages.Count} messages, {loaded.InputTokens} in / {loaded.OutputTokens} out tokens, equal to saved: {loaded == sessions[1]}");

        bool first = store.Delete("demo-scratch");
        bool second = store.Delete("demo-scratch");
        say($"delete  demo-scratch -> {first.ToString().ToLowerInvariant()} (removed by this call)");
        say($"delete  demo-scratch -> {second.ToString().ToLowerInvariant()} (already gone: not an error)");

        bool trashed = store.MoveToTrash("demo-greeting");
        say($"trash   demo-greeting -> {trashed.ToString().ToLowerInvariant()}; list: {string.Join(", ", store.List())}; trash: {string.Join(", ", store.ListTrash().Select(t => t.SessionId))}");
        _ = store.Restore("demo-greeting");
        bool back = store.Load("demo-greeting") == sessions[0];
        say($"restore demo-greeting -> back as it was: {back}");
        return loaded == sessions[1] && first && !second && trashed && back;
    }
}

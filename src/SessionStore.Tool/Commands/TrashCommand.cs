using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary><c>trash list</c>, <c>trash restore &lt;id&gt;</c> (never overwrites: exit 4), <c>trash empty [--older-than 30d] [--dry-run]</c>.</summary>
internal static class TrashCommand
{
    internal static Command Create(GlobalOptions globals) =>
        new("trash", "The store's trash: what prune moved there, kept until the grace period ends or it is emptied.")
        {
            List(globals), Restore(globals), Empty(globals),
        };

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "List the trash: id, when it was trashed, when it was last written, size.");
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            IReadOnlyList<TrashedSession> entries = Stores.Open(globals, result).Retention.ListTrash();
            Print(output, entries, "trashed");
            if (entries.Count == 0)
            {
                output.Note("the trash is empty");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Restore(GlobalOptions globals)
    {
        var id = Ids.One("id", "The session to bring back (its most recently trashed copy).", Ids.Trashed);
        var command = new Command("restore", "Move a session back out of the trash; never overwrites a session that exists again.") { id };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.OpenForWriting(globals, result);
            string wanted = result.GetValue(id)!;
            string path;
            try
            {
                path = store.Retention.Restore(wanted);
            }
            catch (SessionNotFoundException)
            {
                throw new ToolException(ExitCodes.NotFound, $"there is no session '{wanted}' in the trash of '{store.Location}'");
            }
            catch (SessionConflictException)
            {
                throw new ToolException(ExitCodes.Conflict,
                    $"session '{wanted}' exists again, and restore never overwrites: delete it or fork it to another id first (the trashed copy stays in the trash)");
            }

            output.Result($"restored {wanted} ({path}); 'sessions pin {wanted}' keeps it from the next prune", ("session_id", wanted), ("path", path));

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Empty(GlobalOptions globals)
    {
        var olderThan = new Option<DateTimeOffset?>("--older-than")
        {
            Description = "Only entries trashed longer ago than this (30d, 12h, ...); default: every entry.",
            CustomParser = result => Ages.ParseAge(result),
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be deleted." };
        var command = new Command("empty", "Delete trash entries for good: all of them, or those older than --older-than.") { olderThan, dryRun };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            bool dry = result.GetValue(dryRun);
            ToolStore store = dry ? Stores.Open(globals, result) : Stores.OpenForWriting(globals, result);
            if (!dry && store.Retention.EmptyTrash(result.GetValue(olderThan), dryRun: true) is { Count: > 0 } doomed)
            {
                Confirmation.Require(globals, result,
                    $"delete {doomed.Count} trash entr{(doomed.Count == 1 ? "y" : "ies")} for good ({Ids.Sample([.. doomed.Select(e => e.SessionId)])})?",
                    "the trash is as it was");
            }

            IReadOnlyList<TrashedSession> emptied = store.Retention.EmptyTrash(result.GetValue(olderThan), dry);
            Print(output, emptied, dry ? "would delete for good" : "deleted for good");
            output.Done($"{emptied.Count} trash entr{(emptied.Count == 1 ? "y" : "ies")} {(dry ? "would be" : "were")} deleted for good");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Print(Output output, IReadOnlyList<TrashedSession> entries, string verb)
    {
        if (output.Json)
        {
            Output.WriteJson(writer => JsonSerializer.Serialize(writer, entries.ToList(), ToolJsonContext.Default.ListTrashedSession));
            return;
        }

        foreach (TrashedSession entry in entries)
        {
            output.Line($"{verb}  {output.Strong($"{entry.SessionId,-32}")} {Ages.Stamp(entry.TrashedAt)} ({Ages.Ago(entry.TrashedAt)})" +
                output.Faint(string.Create(CultureInfo.InvariantCulture, $"  last written {Ages.Stamp(entry.LastModified)}, {entry.SizeBytes} B")));
        }
    }
}

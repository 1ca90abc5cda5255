using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>quarantine list</c>, <c>quarantine restore &lt;id|name&gt; [--force]</c> (never overwrites without --force: exit 4;
/// with it, the session in the way goes to the trash), <c>quarantine delete &lt;id|name&gt;...</c>: everything
/// <c>verify --repair</c> (the library's <c>Check(repair)</c>) moved into <c>.quarantine/</c>, given back or deleted on request.
/// An argument is an entry's name (as <c>list</c> shows it) or a session id: restore takes the id's most recently
/// moved session file, delete every entry of the id.
/// </summary>
internal static class QuarantineCommand
{
    internal static Command Create(GlobalOptions globals) =>
        new("quarantine", "What verify --repair moved into .quarantine/: list it, restore it, delete it.")
        {
            List(globals), Restore(globals), Delete(globals),
        };

    private static Command List(GlobalOptions globals)
    {
        var command = new Command("list", "List the quarantine: id, when it was moved, size, why, and the entry's name.");
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            IReadOnlyList<QuarantinedFile> entries = Stores.OpenDirectory(globals, result, "quarantine").ListQuarantine();
            Print(output, entries, "");
            if (entries.Count == 0)
            {
                output.Note("the quarantine is empty");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Restore(GlobalOptions globals)
    {
        var target = Ids.IdOrName("id-or-name", "A session id (its most recently quarantined file) or an entry's name from 'quarantine list'.");
        var force = new Option<bool>("--force") { Description = "Restore over a session that exists again; that session is moved into the trash first." };
        var command = new Command("restore", "Move a quarantined file back where it was, bytes unchanged; never overwrites without --force.") { target, force };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            FileSessionStore store = Stores.OpenDirectory(globals, result, "quarantine", forWriting: true);
            string wanted = result.GetValue(target)!;
            QuarantinedFile entry = Find(store, wanted).FirstOrDefault(e => e.Name == wanted || !e.IsLegacyJournal)
                ?? throw NotInQuarantine(store, wanted);
            bool replaces = result.GetValue(force) && !entry.IsLegacyJournal && store.Exists(entry.SessionId);
            string path;
            try
            {
                path = store.RestoreFromQuarantine(entry.Name, result.GetValue(force));
            }
            catch (SessionNotFoundException)
            {
                throw NotInQuarantine(store, wanted);
            }
            catch (SessionConflictException)
            {
                throw new ToolException(ExitCodes.Conflict, entry.IsLegacyJournal
                    ? $"a SessionStore 0.1 journal of '{entry.SessionId}' exists again, and restore never overwrites it (the quarantined one stays)"
                    : $"session '{entry.SessionId}' exists again, and restore never overwrites it: --force moves it into the trash first (the quarantined file stays)");
            }

            output.Result($"restored {entry.Name} to {path}" + (replaces ? $"; the session that was there is in the trash ('sessions trash restore {entry.SessionId}' after moving this one aside)" : "") +
                (entry.IsLegacyJournal ? "" : $"; 'sessions verify' says whether it is still corrupt"),
                ("session_id", entry.SessionId), ("name", entry.Name), ("path", path), ("replaced", replaces ? "trashed" : "none"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(GlobalOptions globals)
    {
        var targets = Ids.IdsOrNames("id-or-name", "Session ids (every quarantined file of each) or entry names from 'quarantine list'.");
        var command = new Command("delete", "Delete quarantined files for good.") { targets };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            FileSessionStore store = Stores.OpenDirectory(globals, result, "quarantine", forWriting: true);
            var deleted = new List<QuarantinedFile>();
            var missing = new List<string>();
            foreach (string wanted in result.GetValue(targets)!)
            {
                List<QuarantinedFile> matching = Find(store, wanted);
                if (matching.Count == 0)
                {
                    missing.Add(wanted);
                }

                deleted.AddRange(matching.Where(e => store.DeleteFromQuarantine(e.Name)));
            }

            Print(output, deleted, "deleted for good  ");
            foreach (string wanted in missing)
            {
                Output.Error($"there is no '{wanted}' in the quarantine of '{store.DirectoryPath}'");
            }

            output.Done($"{deleted.Count} quarantined file(s) deleted for good");
            return missing.Count == 0 ? ExitCodes.Success : ExitCodes.NotFound;
        });
        return command;
    }

    /// <summary>The entry of that name, or else every entry of that session id (the most recently moved first).</summary>
    private static List<QuarantinedFile> Find(FileSessionStore store, string wanted)
    {
        IReadOnlyList<QuarantinedFile> entries = store.ListQuarantine();
        return entries.FirstOrDefault(e => e.Name == wanted) is { } named ? [named] : [.. entries.Where(e => e.SessionId == wanted)];
    }

    private static ToolException NotInQuarantine(FileSessionStore store, string wanted) =>
        new(ExitCodes.NotFound, $"there is no '{wanted}' in the quarantine of '{store.DirectoryPath}': 'sessions quarantine list' shows what is there");

    private static void Print(Output output, IReadOnlyList<QuarantinedFile> entries, string verb)
    {
        if (output.Json)
        {
            Output.WriteJson(writer => JsonSerializer.Serialize(writer, entries.ToList(), ToolJsonContext.Default.ListQuarantinedFile));
            return;
        }

        foreach (QuarantinedFile entry in entries)
        {
            output.Line($"{verb}{output.Strong($"{entry.SessionId,-32}")} {Ages.Stamp(entry.QuarantinedAt)} ({Ages.Ago(entry.QuarantinedAt)})" +
                string.Create(CultureInfo.InvariantCulture, $" {entry.SizeBytes,9} B  ") + (entry.IsLegacyJournal ? "0.1 journal: " : "") +
                output.Visible(entry.Reason ?? "(no reason recorded)") + output.Faint($"  {output.Visible(entry.Name)}"));
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>prune --older-than 30d [--dry-run] [--keep-trash 30d]</c>: moves the sessions not written for that long
/// into the store's trash (pinned ones stay), then deletes for good the trash entries older than the grace
/// period. <c>--dry-run</c> shows exactly that and changes nothing.
/// </summary>
internal static class PruneCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var olderThan = new Option<DateTimeOffset>("--older-than")
        {
            Description = "Move sessions last written longer ago than this: 30d, 12h, 15m, 45s or 2w.",
            Required = true,
            CustomParser = Ages.ParseAge,
        };
        var keepTrash = new Option<DateTimeOffset?>("--keep-trash")
        {
            Description = "The grace period: trash entries older than this are deleted for good (default 30d).",
            CustomParser = result => Ages.ParseAge(result),
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would move and what would be deleted; change nothing." };
        var command = new Command("prune", "Move old sessions into the store's trash (restorable; pinned sessions stay), and empty trash entries past the grace period.")
        {
            olderThan, keepTrash, dryRun,
        };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            bool dry = result.GetValue(dryRun);
            ToolStore store = dry ? Stores.Open(globals, result) : Stores.OpenForWriting(globals, result);
            Dictionary<string, DateTimeOffset> written = dry ? [] : null!;
            PruneResult pruned;
            DateTimeOffset started = DateTimeOffset.UtcNow;
            using (var interruption = new Interruption())
            using (var progress = new Progress(output, "looked at", 0))
            {
                try
                {
                    pruned = store.PruneAsync(result.GetValue(olderThan), dry, progress, interruption.Token).AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
                {
                    progress.Dispose();
                    throw Interrupted(store, started, dry);
                }
            }

            if (dry)
            {
                foreach (string id in pruned.Trashed)
                {
                    written[id] = store.Sessions.Summarize(id).LastModified;
                }
            }
            else
            {
                written = store.Retention.ListTrash().GroupBy(t => t.SessionId).ToDictionary(g => g.Key, g => g.First().LastModified, StringComparer.Ordinal);
            }

            IReadOnlyList<TrashedSession> purged = store.Retention.EmptyTrash(result.GetValue(keepTrash) ?? DateTimeOffset.UtcNow.AddDays(-30), dry);
            if (output.Json)
            {
                WriteJson(pruned, written, purged);
                return ExitCodes.Success;
            }

            string verb = dry ? "would move to the trash" : "moved to the trash     ";
            foreach (string id in pruned.Trashed)
            {
                output.Line($"{verb}  {output.Strong(id)}  last written {Ages.Stamp(written[id])} ({Ages.Ago(written[id])})");
            }

            foreach (string id in pruned.KeptPinned)
            {
                output.Line($"kept, pinned             {output.Strong(id)}");
            }

            foreach (TrashedSession entry in purged)
            {
                output.Line($"{(dry ? "would delete for good" : "deleted for good     ")}    {output.Strong(entry.SessionId)}  in the trash since {Ages.Stamp(entry.TrashedAt)} ({Ages.Ago(entry.TrashedAt)})");
            }

            output.Done($"{pruned.Trashed.Count} session(s) {(dry ? "would move" : "moved")} to the trash, {pruned.KeptPinned.Count} kept (pinned), " +
                $"{purged.Count} trash entr{(purged.Count == 1 ? "y" : "ies")} past the grace period {(dry ? "would be" : "were")} deleted for good" +
                (dry || pruned.Trashed.Count == 0 ? "" : "; 'sessions trash restore <id>' brings one back"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What an interrupted prune already did (those sessions stay in the trash), as the error it exits with.</summary>
    private static ToolException Interrupted(ToolStore store, DateTimeOffset started, bool dry)
    {
        if (dry)
        {
            return new ToolException(ExitCodes.Interrupted, "interrupted: nothing was changed (--dry-run)");
        }

        string[] moved = [.. store.Retention.ListTrash().Where(t => t.TrashedAt >= started.AddSeconds(-1)).Select(t => t.SessionId).Distinct(StringComparer.Ordinal)];
        return new ToolException(ExitCodes.Interrupted, moved.Length == 0
            ? "interrupted: no session was moved to the trash yet"
            : $"interrupted: {moved.Length} session(s) were already moved to the trash ({Ids.Sample(moved)}); " +
              "'sessions trash list' shows them, 'sessions trash restore <id>' brings one back, and running prune again finishes the job");
    }

    private static void WriteJson(PruneResult pruned, Dictionary<string, DateTimeOffset> written, IReadOnlyList<TrashedSession> purged) =>
        Output.WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteBoolean("dry_run", pruned.DryRun);
            writer.WriteStartArray("trashed");
            foreach (string id in pruned.Trashed)
            {
                writer.WriteStartObject();
                writer.WriteString("session_id", id);
                writer.WriteString("last_modified", written[id]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("kept_pinned");
            foreach (string id in pruned.KeptPinned)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("deleted_from_trash");
            JsonSerializer.Serialize(writer, purged.ToList(), ToolJsonContext.Default.ListTrashedSession);
            writer.WriteEndObject();
        });
}

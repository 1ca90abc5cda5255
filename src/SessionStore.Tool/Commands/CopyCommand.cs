using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>copy --from SRC --to DST [--move] [--overwrite] [--dry-run]</c>: every session of one store into another, a
/// directory or a PostgreSQL table on either side (<see cref="StoreCopy"/>): resumable, each session verified after it
/// lands, the source deleted only with <c>--move</c> and only what was verified. Exit 1 if a session failed or is of
/// another type, else 4 if one conflicted.
/// </summary>
internal static class CopyCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var from = new Option<string>("--from") { Description = "The store to copy from: " + PostgresTarget.LocationHelp + ".", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy into (created if missing): " + PostgresTarget.LocationHelp + ".", Required = true };
        var move = new Option<bool>("--move") { Description = "Delete each session from the source once its copy is verified (default: the source stays as it is)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace sessions at the destination that hold different content (default: a conflict, exit 4, left as they are)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would be copied and skipped; write and delete nothing." };
        var command = new Command("copy",
            "Copy every session from one store to another (a directory or a PostgreSQL table, either way), verifying each " +
            "after it lands; run it again after an interruption to resume (sessions already there are skipped).")
        {
            from, to, move, overwrite, dryRun,
        };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            if (globals.DirectoryGiven(result) || result.GetResult(globals.Table) is { Implicit: false })
            {
                throw new ToolException(ExitCodes.Usage, "copy takes its two stores from --from and --to, not from --dir or --table");
            }

            string? connection = result.GetValue(globals.Postgres);
            string source = result.GetValue(from)!, destination = result.GetValue(to)!;
            PostgresTarget? sourceTable = PostgresTarget.Parse(source, connection, "--from"), destinationTable = PostgresTarget.Parse(destination, connection, "--to");
            if (Identity(source, sourceTable) == Identity(destination, destinationTable))
            {
                throw new ToolException(ExitCodes.Usage, $"--from and --to name the same store ('{source}'): nothing to copy");
            }

            bool dry = result.GetValue(dryRun), moving = result.GetValue(move);
            ToolStore origin = OpenSource(source, sourceTable, forWriting: moving && !dry);
            var clock = new CopyClock();
            ToolStore? target = OpenDestination(destination, destinationTable, dry, clock);
            var copy = new StoreCopy(origin, target, clock, result.GetValue(overwrite), moving, dry);
            IReadOnlyList<string> ids = origin.Sessions.List();
            if (!dry && ids.Count > 0 && (moving || result.GetValue(overwrite)))
            {
                Confirmation.Require(globals, result,
                    $"copy {ids.Count} session(s) from {source} to {destination}" + (moving ? ", deleting each from the source once its copy is verified" : "") +
                    (result.GetValue(overwrite) ? ", replacing any that differ there" : "") + "?", "nothing was copied");
            }
            try
            {
                using var progress = new Progress(output, "copying", ids.Count);
                copy.Run(ids, progress);
            }
            catch (Exception ex) when (ex is not ToolException && !dry)
            {
                output.Note($"stopped part-way: {copy.Summary()}; run the same copy again to resume");
                throw;
            }

            Print(output, copy, origin.Location, target?.Location ?? destination);
            return copy.Failed.Count > 0 || copy.OtherTypes.Count > 0 ? ExitCodes.Failure : copy.Conflicts.Count > 0 ? ExitCodes.Conflict : ExitCodes.Success;
        });
        return command;
    }

    private static string Identity(string location, PostgresTarget? table) => table is null ? "dir " + Path.TrimEndingDirectorySeparator(Path.GetFullPath(location)) : $"pg {table.Server} {table.Table}";

    private static ToolStore OpenSource(string location, PostgresTarget? table, bool forWriting) =>
        table is not null ? ToolStore.Of(table.Open(forWriting ? TableUse.Write : TableUse.Read))
            : ToolStore.Of(forWriting ? Stores.OpenForWriting(location) : Stores.Open(location));

    /// <summary>The destination, created if missing; with dry-run a missing one is <see langword="null"/> (empty) and nothing is created.</summary>
    private static ToolStore? OpenDestination(string location, PostgresTarget? table, bool dryRun, CopyClock clock)
    {
        if (table is not null)
        {
            return table.OpenDestination(dryRun, clock) is { } store ? ToolStore.Of(store) : null;
        }

        if (dryRun)
        {
            return File.Exists(location) || Directory.Exists(location) ? ToolStore.Of(Stores.Open(location)) : null;
        }

        return ToolStore.Of(Stores.OpenOrCreateWritable(location));
    }

    private static void Print(Output output, StoreCopy copy, string from, string to)
    {
        foreach (string id in copy.Conflicts)
        {
            Output.Error($"session '{id}' is at the destination already with different content, and was not copied: --overwrite replaces it");
        }

        foreach ((_, string error) in copy.Failed)
        {
            Output.Error(error);
        }

        foreach (string id in copy.OtherTypes)
        {
            Output.Error($"skipped session '{id}': it is a session of another type, not in the reference format that copy carries: copy it with its own store");
        }

        if (output.Json)
        {
            Output.WriteJson(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("from", from);
                writer.WriteString("to", to);
                writer.WriteBoolean("dry_run", copy.DryRun);
                WriteIds(writer, "copied", copy.Copied);
                WriteIds(writer, "skipped", copy.Skipped);
                WriteIds(writer, "conflicts", copy.Conflicts);
                writer.WriteStartArray("failed");
                foreach ((string id, string error) in copy.Failed)
                {
                    writer.WriteStartObject();
                    writer.WriteString("session_id", id);
                    writer.WriteString("error", error);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                WriteIds(writer, "other_types", copy.OtherTypes);
                WriteIds(writer, "deleted_from_source", copy.Deleted);
                writer.WriteEndObject();
            });
            return;
        }

        if (copy.DryRun)
        {
            copy.Copied.ForEach(id => output.Line($"would copy  {output.Strong(id)}"));
            copy.Skipped.ForEach(id => output.Line($"would skip  {output.Strong(id)}  (already at the destination)"));
        }

        output.Done($"{from} -> {to}: {copy.Summary()}");
    }

    private static void WriteIds(System.Text.Json.Utf8JsonWriter writer, string name, List<string> ids)
    {
        writer.WriteStartArray(name);
        ids.ForEach(writer.WriteStringValue);
        writer.WriteEndArray();
    }
}

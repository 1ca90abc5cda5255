using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>verify [--repair]</c>: reads every file and reports corrupt sessions, ids that differ from file names,
/// newer-schema files, leftover temp files, and anything in the directory that is not a session. Every session
/// type the library writes is judged by what its writer promises (<see cref="AnySessionStore"/>). Exit 1
/// on any problem left (after --repair: any it could not repair), 3 when there is no store directory.
/// </summary>
internal static class VerifyCommand
{
    internal static Command Create(GlobalOptions globals)
    {
        var repair = new Option<bool>("--repair")
        {
            Description = "Move files no store could have written into .quarantine/ (never deletes them; 'sessions quarantine' gives them back) and remove temp files of crashed saves.",
        };
        var command = new Command("verify", "Check every file of the store; exit 1 on any problem, including anything that is not a session.") { repair };
        command.SetAction(result =>
        {
            Output output = globals.OutputOf(result);
            ToolStore store = Stores.Open(globals, result);
            bool fix = result.GetValue(repair);
            if (fix)
            {
                store.RefuseRepair();
            }

            StoreCheckResult check;
            using (var progress = new Progress(output, "verified", 0))
            {
                // The library's judgement of every session type it writes, not the reference store's alone (which calls
                // every typed or agent session corrupt): only what no store could have written is a problem, or moved.
                check = store.Check(fix, progress);
            }

            // Read-only for this user is a fact about who runs verify, not damage in the store: a note, and exit 0 if that is all.
            if (check.Problems.Any(p => p.Kind == StoreProblemKind.ReadOnlyDirectory))
            {
                output.Note($"the store directory '{store.Location}' is read-only for this user: verify only reads it; --repair and every write need write access");
            }

            List<StoreProblem> problems = [.. check.Problems.Where(p => p.Kind != StoreProblemKind.ReadOnlyDirectory)];
            int unresolved = problems.Count(p => !p.Repaired);
            if (output.Json)
            {
                WriteJson(check.SessionsChecked, problems);
            }
            else
            {
                foreach (StoreProblem problem in problems)
                {
                    output.Line($"{Label(problem.Kind),-10} {(problem.Repaired ? "repaired " : "")}{output.Visible(problem.Path)}: {output.Visible(problem.Description)}");
                }

                output.Line(problems.Count == 0
                    ? $"ok: {check.SessionsChecked} sessions, no problem"
                    : $"{check.SessionsChecked} sessions, {problems.Count} problem(s), {problems.Count - unresolved} repaired");
            }

            return unresolved == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
        return command;
    }

    private static void WriteJson(int sessionsChecked, List<StoreProblem> problems) =>
        Output.WriteJson(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("sessions_checked", sessionsChecked);
            writer.WriteStartArray("problems");
            foreach (StoreProblem problem in problems)
            {
                writer.WriteStartObject();
                writer.WriteString("kind", Label(problem.Kind));
                writer.WriteString("path", problem.Path);
                writer.WriteString("session_id", problem.SessionId);
                writer.WriteString("description", problem.Description);
                writer.WriteBoolean("repaired", problem.Repaired);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static string Label(StoreProblemKind kind) => kind switch
    {
        StoreProblemKind.CorruptSession => "corrupt",
        StoreProblemKind.NewerSchema => "newer",
        StoreProblemKind.LeftoverFile => "leftover",
        StoreProblemKind.UnreadableSession => "unreadable",
        StoreProblemKind.InterruptedAppend => "interrupted",
        StoreProblemKind.LegacyJournal => "journal",
        StoreProblemKind.SharedDirectory => "shared",
        _ => "foreign",
    };
}

using System.CommandLine;

namespace SessionStore.Samples.Console.Commands;

/// <summary>
/// <c>verify [--repair]</c>: reports corrupt sessions, ids that differ from file names, newer-schema
/// files, leftover temp files and foreign files. Exit code 1 when something is wrong (after repair:
/// when something could not be repaired).
/// </summary>
internal static class VerifyCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var repair = new Option<bool>("--repair") { Description = "Move corrupt files into the .quarantine folder and remove dead temp files." };
        var command = new Command("verify", "Check every file of the store; exit code 1 when something is wrong.") { repair };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            bool fix = result.GetValue(repair);
            StoreCheckResult check = store.Check(fix, new StderrProgress("verified"));
            IReadOnlyList<StoreProblem> problems = check.Problems;
            int total = check.SessionsChecked;
            foreach (StoreProblem problem in problems)
            {
                System.Console.Out.WriteLine($"{Label(problem.Kind),-10} {(problem.Repaired ? "repaired " : "")}{problem.Path}: {problem.Description}");
            }

            int unresolved = problems.Count(p => !p.Repaired && p.Kind != StoreProblemKind.ForeignFile);
            System.Console.Out.WriteLine(problems.Count == 0
                ? $"ok: {total} sessions, no problem"
                : $"{total} sessions, {problems.Count} problem(s), {problems.Count(p => p.Repaired)} repaired");
            return unresolved == 0 && (fix || problems.All(p => p.Kind == StoreProblemKind.ForeignFile)) ? ToolErrors.Success : ToolErrors.Failure;
        });
        return command;
    }

    private static string Label(StoreProblemKind kind) => kind switch
    {
        StoreProblemKind.CorruptSession => "corrupt",
        StoreProblemKind.NewerSchema => "newer",
        StoreProblemKind.LeftoverFile => "leftover",
        _ => "foreign",
    };
}

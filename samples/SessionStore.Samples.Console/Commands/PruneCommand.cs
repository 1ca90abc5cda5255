using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>prune --older-than 30d [--dry-run]</c>: deletes sessions not written for a while.</summary>
internal static class PruneCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var olderThan = new Option<TimeSpan>("--older-than")
        {
            Description = "Age of the last write, e.g. 30d, 12h, 15m, 45s.",
            Required = true,
            CustomParser = ParseAge,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only say what would be deleted." };
        var command = new Command("prune", "Delete the sessions last written longer ago than --older-than.") { olderThan, dryRun };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            bool dry = result.GetValue(dryRun);
            IReadOnlyList<string> pruned = store.PruneOlderThan(DateTimeOffset.UtcNow - result.GetValue(olderThan), dry);
            foreach (string id in pruned)
            {
                System.Console.Out.WriteLine($"{(dry ? "would delete" : "deleted")} {id}");
            }

            System.Console.Out.WriteLine($"{pruned.Count} session(s) {(dry ? "would be " : "")}pruned");
            return ToolErrors.Success;
        });
        return command;
    }

    private static TimeSpan ParseAge(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double amount) && amount >= 0)
        {
            switch (text[^1])
            {
                case 'd': return TimeSpan.FromDays(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
                case 's': return TimeSpan.FromSeconds(amount);
            }
        }

        result.AddError($"'{text}' is not an age like 30d, 12h, 15m or 45s.");
        return TimeSpan.Zero;
    }
}

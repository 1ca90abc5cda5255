using System.CommandLine;

namespace SessionStore.Tool.Cli;

/// <summary>The options every command takes: where the store is (a directory, or a PostgreSQL table), JSON output, quiet, colours, and yes.</summary>
internal sealed class GlobalOptions
{
    internal Option<string> Dir { get; } = new("--dir", "-d")
    {
        Description = $"The store's directory (default: {FileSessionStore.DefaultDirectory}, as the Python module's).",
        DefaultValueFactory = _ => FileSessionStore.DefaultDirectory,
        Recursive = true,
    };

    internal Option<string> Postgres { get; } = new("--postgres")
    {
        Description = "Work on a PostgreSQL table instead of a directory: an Npgsql connection string (Host=...;Username=...;Database=...). " +
            "--table alone takes it from $" + PostgresTarget.Variable + ".",
        Recursive = true,
    };

    internal Option<string> Table { get; } = new("--table")
    {
        Description = $"The PostgreSQL table of the sessions, with --postgres or ${PostgresTarget.Variable} (default: {PostgresTarget.DefaultTable}).",
        Recursive = true,
    };

    internal Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text.", Recursive = true };

    internal Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Print only data and errors: no notes, confirmations or progress.",
        Recursive = true,
    };

    internal Option<string> Color { get; } = CreateColor();

    internal Option<bool> Yes { get; } = new("--yes", "-y")
    {
        Description = "Do not ask before deleting or replacing anything (delete, trash empty, import --overwrite); asking happens only at a terminal.",
        Recursive = true,
    };

    /// <summary>Whether the user said yes in advance: <c>--yes</c>.</summary>
    internal bool AssumeYes(ParseResult result) => result.GetValue(Yes);

    internal Output OutputOf(ParseResult result) => new(result.GetValue(Json), result.GetValue(Quiet));

    internal string DirectoryOf(ParseResult result) => result.GetValue(Dir)!;

    /// <summary>Whether the user named a directory (the demo refuses to default to one).</summary>
    internal bool DirectoryGiven(ParseResult result) => result.GetResult(Dir) is { Implicit: false };

    private static Option<string> CreateColor()
    {
        var color = new Option<string>("--color")
        {
            Description = "Colours: auto (on a terminal, unless NO_COLOR is set), always, or never.",
            DefaultValueFactory = _ => "auto",
            Recursive = true,
        };
        color.AcceptOnlyFromAmong("auto", "always", "never");
        return color;
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using SessionStore.Tool.Commands;

namespace SessionStore.Tool.Cli;

/// <summary>Builds the <c>sessions</c> command, parses, and runs it: usage errors exit 2 with one line, failures go through <see cref="Errors"/>.</summary>
internal static partial class ToolCommandLine
{
    private static RootCommand Build(GlobalOptions globals)
    {
        var root = new RootCommand(
            "List, show, search, title, tag, verify, prune (into a trash), restore, pin, fork, export, import and copy the sessions of a SessionStore " +
            "directory, including one the Python reference module wrote, or of a PostgreSQL table (--postgres CONNSTRING --table NAME, " +
            "or --table alone with $" + PostgresTarget.Variable + "). Read commands never change anything.\n\n" + ExitCodes.Help)
        {
            globals.Dir,
            globals.Postgres,
            globals.Table,
            globals.Json,
            globals.Quiet,
            globals.Color,
            globals.Yes,
            ListCommand.Create(globals),
            ShowCommand.Create(globals),
            SearchCommand.Create(globals),
            TitleCommand.Create(globals),
            TagCommand.Create(globals),
            ReindexCommand.Create(globals),
            DeleteCommand.Create(globals),
            ForkCommand.Create(globals),
            PruneCommand.Create(globals),
            TrashCommand.Create(globals),
            PinCommand.Create(globals, pin: true),
            PinCommand.Create(globals, pin: false),
            VerifyCommand.Create(globals),
            QuarantineCommand.Create(globals),
            ExportCommand.Create(globals),
            ImportCommand.Create(globals),
            CopyCommand.Create(globals),
            ServeCommand.Create(globals),
            DemoCommand.Create(globals),
            CompletionCommand.Create(),
        };
        root.Options.Remove(root.Options.OfType<HelpOption>().Single());
        root.Options.Add(HelpWithExamples.Create());
        root.SetAction(result => result.RootCommandResult.Command.Parse(["--help"]).Invoke());
        return root;
    }

    internal static int Run(string[] args)
    {
        try
        {
            Ids.SetCommandLine(args);
            var globals = new GlobalOptions();
            ParseResult parsed = Build(globals).Parse(args);
            if (parsed.GetResult(globals.Color) is { } color && !color.Errors.Any())
            {
                Output.Colour = parsed.GetValue(globals.Color)!;
            }

            if (parsed.Errors.Count > 0 && parsed.Action is not (HelpAction or HelpWithExamples) && !IsCompletionRequest(args))
            {
                Output.Error(UsageError(parsed));
                return ExitCodes.Usage;
            }

            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception)
        {
            return Errors.Report(exception);
        }
    }

    /// <summary>The <c>[suggest:N]</c> directive the completion scripts send: System.CommandLine answers it.</summary>
    private static bool IsCompletionRequest(string[] args) => args.Length > 0 && args[0].StartsWith("[suggest", StringComparison.Ordinal);

    private static string UsageError(ParseResult parsed)
    {
        // The error about a token that looks like an option says what went wrong; a later "unrecognized 'x'" is its echo.
        ParseError error = parsed.Errors.FirstOrDefault(e => e.Message.Contains("'-", StringComparison.Ordinal)) ?? parsed.Errors[0];
        string message = error.Message.TrimEnd('.');
        const string Unrecognized = "Unrecognized command or argument ";
        if (message.StartsWith(Unrecognized, StringComparison.Ordinal))
        {
            string token = message[Unrecognized.Length..];
            message = (token.StartsWith("'-", StringComparison.Ordinal) ? "unknown option " : "unexpected argument ") + token;
        }

        // "Cannot parse argument 'x' for option '--json' as expected type 'System.Boolean'": say it without the type.
        Match cannotParse = CannotParse().Match(message);
        if (cannotParse.Success)
        {
            message = $"'{cannotParse.Groups[1].Value}' is not a valid value for {cannotParse.Groups[2].Value}";
        }

        string command = string.Join(' ', CommandPath(parsed.CommandResult));
        return $"{message} (see '{command} --help')";
    }

    private static Stack<string> CommandPath(CommandResult? result)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command)
            {
                names.Push(command.Command is RootCommand ? "sessions" : command.Command.Name);
            }
        }

        return names;
    }

    [GeneratedRegex(@"^Cannot parse argument '(.*)' for (?:option|command|argument) '([^']*)' as expected type")]
    private static partial Regex CannotParse();
}

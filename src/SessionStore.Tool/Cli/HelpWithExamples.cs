using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace SessionStore.Tool.Cli;

/// <summary>System.CommandLine's help, followed by the command's <see cref="Examples"/>.</summary>
internal sealed class HelpWithExamples(HelpAction help) : SynchronousCommandLineAction
{
    /// <summary>The <c>-h</c>/<c>--help</c> option of every command (no <c>/?</c> or <c>/h</c>: this is not Windows' cmd).</summary>
    internal static HelpOption Create()
    {
        var option = new HelpOption("--help", "-h");
        option.Action = new HelpWithExamples((HelpAction)option.Action!);
        return option;
    }

    public override int Invoke(ParseResult parseResult)
    {
        int exit = help.Invoke(parseResult);
        var path = new Stack<string>();
        for (Command? command = parseResult.CommandResult.Command; command is not null and not RootCommand;
             command = command.Parents.OfType<Command>().FirstOrDefault())
        {
            path.Push(command.Name);
        }

        IReadOnlyList<string> examples = Examples.For(string.Join(' ', path));
        if (examples.Count > 0)
        {
            Console.Out.WriteLine("Examples:");
            foreach (string example in examples)
            {
                Console.Out.WriteLine("  " + example);
            }

            Console.Out.WriteLine();
        }

        return exit;
    }
}

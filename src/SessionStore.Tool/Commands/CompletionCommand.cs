using System.CommandLine;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Commands;

/// <summary>
/// <c>completion bash|zsh|fish|powershell</c>: prints a script that completes <c>sessions</c> commands,
/// options and values by asking System.CommandLine itself (its <c>[suggest]</c> directive), so the
/// completions always match the installed version.
/// </summary>
internal static class CompletionCommand
{
    internal static Command Create()
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh, fish or powershell." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish", "powershell");
        var command = new Command("completion", "Print a shell completion script: e.g. 'source <(sessions completion bash)' in ~/.bashrc.") { shell };
        command.SetAction(result =>
        {
            Console.Out.Write(result.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                "fish" => Fish,
                _ => PowerShell,
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private const string Bash = """
        # sessions completion for bash: source <(sessions completion bash)
        _sessions_complete() {
          local IFS=$'\n'
          COMPREPLY=($(compgen -W "$(sessions "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -F _sessions_complete sessions

        """;

    private const string Zsh = """
        # sessions completion for zsh: source <(sessions completion zsh)
        _sessions_complete() {
          local -a items
          items=("${(@f)$(sessions "[suggest:${#BUFFER}]" "$BUFFER" 2>/dev/null)}")
          compadd -a items
        }
        compdef _sessions_complete sessions

        """;

    private const string Fish = """
        # sessions completion for fish: sessions completion fish | source
        complete -c sessions -f -a '(set -l line (commandline -cp); sessions "[suggest:"(string length -- $line)"]" "$line" 2>/dev/null)'

        """;

    private const string PowerShell = """
        # sessions completion for PowerShell: sessions completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName sessions -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            sessions "[suggest:$cursorPosition]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }

        """;
}

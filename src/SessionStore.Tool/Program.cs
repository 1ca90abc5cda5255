// The `sessions` tool. A bare `sessions` prints help; every command is in Commands/, and Cli/ holds
// what they share: exit codes, the one error style, output (colours, --json, --quiet) and progress.
using SessionStore.Tool.Cli;

return ToolCommandLine.Run(args);

namespace SessionStore.Tool.Cli;

/// <summary>A failure the tool explains itself: its message is the whole <c>error:</c> line, its code the exit code.</summary>
internal sealed class ToolException(int exitCode, string message) : Exception(message)
{
    internal int ExitCode { get; } = exitCode;
}

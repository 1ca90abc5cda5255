using System.CommandLine;
using System.Text;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Asks before a command destroys or replaces something, as git, gh and apt do: only at a terminal (the question and the
/// answer go through <c>/dev/tty</c>, so <c>import</c> can ask while its stdin is the input), never in a script (no
/// terminal: the command goes ahead), and never with <c>--yes</c>. Anything but <c>y</c> or <c>yes</c> is no.
/// </summary>
internal static class Confirmation
{
    /// <summary>Asks <paramref name="question"/>; throws "not confirmed" (exit 1, <paramref name="unchanged"/>) when the user says no.</summary>
    internal static void Require(GlobalOptions globals, ParseResult result, string question, string unchanged)
    {
        if (globals.AssumeYes(result) || Console.IsErrorRedirected || OpenTerminal() is not { } terminal)
        {
            return;
        }

        string? answer;
        using (terminal)
        {
            byte[] prompt = Encoding.UTF8.GetBytes(ControlCharacters.Escape(question) + " [y/N] ");
            terminal.Write(prompt);
            terminal.Flush();
            answer = ReadLine(terminal);
        }

        if (answer?.Trim().ToLowerInvariant() is not ("y" or "yes"))
        {
            throw new ToolException(ExitCodes.Failure, $"not confirmed: {unchanged} (--yes skips the question)");
        }
    }

    private static FileStream? OpenTerminal()
    {
        try
        {
            return new FileStream("/dev/tty", FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null; // no controlling terminal: a script, a service, a CI job
        }
    }

    private static string? ReadLine(FileStream terminal)
    {
        var line = new List<byte>();
        Span<byte> one = stackalloc byte[1];
        while (terminal.Read(one) == 1)
        {
            if (one[0] == (byte)'\n')
            {
                return Encoding.UTF8.GetString([.. line]);
            }

            line.Add(one[0]);
        }

        return line.Count == 0 ? null : Encoding.UTF8.GetString([.. line]);
    }
}

using System.CommandLine;

namespace SessionStore.Samples.Console;

/// <summary>Exit codes, and the one place where a failure becomes a one-line message on stderr instead of a stack trace.</summary>
internal static class ToolErrors
{
    internal const int Success = 0;
    internal const int Failure = 1;
    internal const int NotFound = 3;

    internal static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        try
        {
            ParseResult parsed = root.Parse(args);
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or KeyNotFoundException or UnauthorizedAccessException)
        {
            await System.Console.Error.WriteLineAsync("error: " + ex.Message);
            return ex is SessionNotFoundException ? NotFound : Failure;
        }
    }
}

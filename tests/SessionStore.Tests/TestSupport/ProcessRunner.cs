using System.Diagnostics;

namespace SessionStore.Tests.TestSupport;

/// <summary>Runs a real child process and captures what it printed.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Process Start(
        string fileName, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        return process;
    }

    public static async Task<Result> WaitAsync(Process process, TimeSpan timeout)
    {
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{process.StartInfo.FileName} did not exit within {timeout}.");
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }

    public static Task<Result> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput = null, string? workingDirectory = null) =>
        WaitAsync(Start(fileName, arguments, standardInput, workingDirectory), TimeSpan.FromMinutes(2));

    /// <summary>Runs a .NET app built beside the tests (a project reference) with the same runtime.</summary>
    public static Process StartDotNetApp(string assemblyName, IEnumerable<string> arguments, string? workingDirectory = null) =>
        Start("dotnet", [Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll"), .. arguments], workingDirectory: workingDirectory);
}

namespace SessionStore.Tests.TestSupport;

/// <summary>Runs the `sessions` tool (src/SessionStore.Tool, built beside the tests) as a real process.</summary>
public static class Tool
{
    public static Task<ProcessRunner.Result> RunAsync(
        IEnumerable<string> args, string? standardInput = null, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null) =>
        ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "sessions.dll"), .. args], standardInput, workingDirectory, environment),
            TimeSpan.FromMinutes(1));

    /// <summary>Every file and directory below <paramref name="root"/> with its size and last write time: proves a command changed nothing.</summary>
    public static string[] Fingerprint(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => $"{Path.GetRelativePath(root, p)} {(File.Exists(p) ? new FileInfo(p).Length : -1)} {File.GetLastWriteTimeUtc(p).Ticks}")
            .Order(StringComparer.Ordinal)
            .ToArray();
}

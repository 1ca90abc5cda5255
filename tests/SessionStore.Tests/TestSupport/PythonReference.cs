using System.Text.Json;

namespace SessionStore.Tests.TestSupport;

/// <summary>
/// Drives the Python reference module (../shared/seed/session_store.py) in a real python3 process,
/// importing it from where it lives: it is never copied into the repository.
/// </summary>
public static class PythonReference
{
    /// <summary>Has the Python module write two sessions into <paramref name="directory"/>: py-1 ("from python", "ünïcödé"; 7/8 tokens) and an empty py-2.</summary>
    public static Task<string> SaveTwoSessionsAsync(string directory) => RunAsync(
        """
        d = Path(args["dir"])
        save_session(StoredSession("py-1", ("from python", "ünïcödé"), 7, 8), d)
        save_session(StoredSession("py-2", (), 0, 0), d)
        """,
        $"{{\"dir\": \"{directory}\"}}");

    /// <summary>Runs <paramref name="body"/> after <c>from session_store import *</c>; <c>args</c> holds <paramref name="argsJson"/>, parsed.</summary>
    public static async Task<string> RunAsync(string body, string argsJson = "{}")
    {
        if (!File.Exists(Path.Combine(RepositoryLayout.SeedDirectory, "session_store.py")))
        {
            throw new InvalidOperationException(
                $"The Python reference module is not at {RepositoryLayout.SeedDirectory}/session_store.py: the repository must sit beside ../shared/seed.");
        }

        string script = string.Join('\n',
            "import sys, json",
            $"sys.path.insert(0, {JsonSerializer.Serialize(RepositoryLayout.SeedDirectory, TestJsonContext.Default.String)})",
            "from session_store import *",
            "from pathlib import Path",
            "args = json.loads(sys.stdin.read())",
            body);
        ProcessRunner.Result result = await ProcessRunner.RunAsync("python3", ["-c", script], standardInput: argsJson);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({result.ExitCode}): {result.StandardError}");
        }

        return result.StandardOutput;
    }
}

using System.IO.Compression;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>
/// The tool as users get it: packed (the pointer package, the NativeAOT linux-x64 package and the portable
/// fallback), installed with `dotnet tool install --tool-path` from a folder, and run against a directory
/// the Python module wrote; `dotnet dnx` runs it one-shot. The suite's one NativeAOT build of the tool.
/// </summary>
[Collection(RepositoryBuildsCollection.Name)]
public sealed class ToolPackageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PackedInstalledAndRun_NativeOnLinuxX64_WithAPortableFallback()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // The native package is built for linux-x64; CI runs on Linux.
        }

        // A unique version, never served stale; installs use a private package cache, so the machine's keeps no test package
        // (packing uses the machine's cache: the compiler and runtime packs are large).
        string version = "0.2.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        string feed = _temp.Combine("feed");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = _temp.Combine("packages") };
        var packing = new Dictionary<string, string>();
        string project = Path.Combine(RepositoryLayout.Root, "src", "SessionStore.Tool");
        string[][] packs = [[], ["-r", "linux-x64"], ["-r", "any", "-p:PublishAot=false"]];
        foreach (string[] pack in packs)
        {
            ProcessRunner.Result packed = await DotNetAsync(packing, ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo", .. pack]);
            string log = packed.StandardOutput + packed.StandardError;
            Assert.True(packed.ExitCode == 0, log);
            Assert.DoesNotMatch(@"warning IL\d{4}|analysis warning|ILC: warning", log);
        }

        Assert.Equal(
            [$"SessionStore.Tool.{version}.nupkg", $"SessionStore.Tool.any.{version}.nupkg", $"SessionStore.Tool.linux-x64.{version}.nupkg"],
            Directory.GetFiles(feed).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (ZipArchive fallback = ZipFile.OpenRead(Path.Combine(feed, $"SessionStore.Tool.any.{version}.nupkg")))
        {
            Assert.Contains(fallback.Entries, e => e.FullName.EndsWith("/sessions.dll", StringComparison.Ordinal));
        }

        string pythonDirectory = _temp.Combine("python");
        await PythonReference.SaveTwoSessionsAsync(pythonDirectory);

        string tools = _temp.Combine("tools");
        ProcessRunner.Result install = await DotNetAsync(environment, ["tool", "install", "SessionStore.Tool", "--version", version, "--tool-path", tools, "--add-source", feed]);
        Assert.True(install.ExitCode == 0, install.StandardOutput + install.StandardError);
        string sessions = Path.Combine(tools, "sessions");
        Assert.Contains("sessionstore.tool.linux-x64", File.ResolveLinkTarget(sessions, returnFinalTarget: true)!.FullName, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(File.ResolveLinkTarget(sessions, true)!.FullName)!, "sessions.dll")), "the installed command is not native");

        ProcessRunner.Result list = await ProcessRunner.RunAsync(sessions, ["list", "--dir", pythonDirectory]);
        Assert.Equal((0, ""), (list.ExitCode, list.StandardError));
        Assert.Matches(@"^py-1\s+2 msgs\s+7 in\s+8 out\s+\d+ B  .*Z\npy-2 ", list.StandardOutput);
        ProcessRunner.Result show = await ProcessRunner.RunAsync(sessions, ["show", "py-1", "--dir", pythonDirectory]);
        Assert.Contains("ünïcödé", show.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await ProcessRunner.RunAsync(sessions, ["verify", "--dir", pythonDirectory])).ExitCode);
        ProcessRunner.Result prune = await ProcessRunner.RunAsync(sessions, ["prune", "--older-than", "0s", "--dir", pythonDirectory]);
        Assert.Contains("2 session(s) moved to the trash", prune.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(0, (await ProcessRunner.RunAsync(sessions, ["trash", "restore", "py-1", "--dir", pythonDirectory])).ExitCode);
        string listedByPython = await PythonReference.RunAsync("print(list_sessions(Path(args['dir'])))", $"{{\"dir\": \"{pythonDirectory}\"}}");
        Assert.Equal("['py-1']\n", listedByPython);

        await AtATerminal_ListExportAndVerify_TenThousandSessions(sessions);

        // The portable package runs wherever .NET does.
        string portable = _temp.Combine("portable");
        ZipFile.ExtractToDirectory(Path.Combine(feed, $"SessionStore.Tool.any.{version}.nupkg"), portable);
        string dll = Directory.GetFiles(portable, "sessions.dll", SearchOption.AllDirectories).Single();
        ProcessRunner.Result portableList = await ProcessRunner.RunAsync("dotnet", [dll, "list", "--dir", pythonDirectory]);
        Assert.Equal((0, list.StandardOutput.Split('\n')[0]), (portableList.ExitCode, portableList.StandardOutput.Split('\n')[0]));

        // ...and on the portable file access, which Windows and macOS get (forced here): the same listing, and a write.
        var portableFiles = new Dictionary<string, string> { ["SESSIONSTORE_PLATFORM"] = "portable" };
        ProcessRunner.Result forced = await ProcessRunner.WaitAsync(ProcessRunner.Start("dotnet", [dll, "list", "--dir", pythonDirectory], environment: portableFiles), TimeSpan.FromMinutes(2));
        Assert.Equal((0, "", list.StandardOutput.Split('\n')[0]), (forced.ExitCode, forced.StandardError, forced.StandardOutput.Split('\n')[0]));
        ProcessRunner.Result forcedVerify = await ProcessRunner.WaitAsync(ProcessRunner.Start(sessions, ["verify", "--dir", pythonDirectory], environment: portableFiles), TimeSpan.FromMinutes(2));
        Assert.True(forcedVerify.ExitCode == 0, forcedVerify.StandardOutput + forcedVerify.StandardError);

        // One-shot, without installing: dnx.
        ProcessRunner.Result dnx = await DotNetAsync(environment, ["dnx", $"SessionStore.Tool@{version}", "--yes", "--add-source", feed, "--", "list", "--dir", pythonDirectory, "--json"]);
        Assert.True(dnx.ExitCode == 0, dnx.StandardOutput + dnx.StandardError);
        Assert.Contains("\"session_id\": \"py-1\"", dnx.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PackToolScript_SaysWhichPackFailed_AndWhatDotnetSaid()
    {
        string script = Path.Combine(RepositoryLayout.Root, "scripts", "pack-tool.sh");
        ProcessRunner.Result failed = await ProcessRunner.RunAsync("bash", [script, _temp.Combine("feed"), "", "--no-such-pack-flag"]);
        Assert.Equal(1, failed.ExitCode);
        Assert.StartsWith("pack-tool: packing the pointer package failed; dotnet said:\n", failed.StandardError, StringComparison.Ordinal);
        Assert.Contains("--no-such-pack-flag", failed.StandardError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Combine("feed")) && Directory.EnumerateFiles(_temp.Combine("feed")).Any());
    }

    /// <summary>
    /// The installed native command at a real terminal on 10,000 sessions, progress drawn from the start
    /// (<c>SESSIONS_PROGRESS_DELAY=0</c>): it once failed with "TimeSpan overflowed" as soon as progress was drawn twice.
    /// </summary>
    private async Task AtATerminal_ListExportAndVerify_TenThousandSessions(string sessions)
    {
        const int Count = 10_000;
        string directory = _temp.Combine("ten-thousand");
        FileSessionStore store = Sessions.FastStore(directory);
        for (int i = 0; i < Count; i++)
        {
            store.Save(new StoredSession($"s{i:D5}", ["question", "answer"], i, 2 * i));
        }

        var now = new Dictionary<string, string> { ["SESSIONS_PROGRESS_DELAY"] = "0" };
        Pty.Result list = await Pty.RunAsync([sessions, "list", "--dir", directory], environment: now);
        Assert.True(list.ExitCode == 0, list.Terminal[^Math.Min(2000, list.Terminal.Length)..]);
        Assert.Matches(@"\rreading [\d,]+ of 10,000", list.Terminal);
        Assert.Contains("\r\u001b[K", list.Terminal, StringComparison.Ordinal);
        Assert.Equal(Count, System.Text.RegularExpressions.Regex.Count(list.Text, @"(?<=^|[\r\n])s\d{5} +2 "));

        string backup = _temp.Combine("backup.json");
        Pty.Result export = await Pty.RunAsync([sessions, "export", "--dir", directory], stdoutFile: backup, environment: now);
        Assert.True(export.ExitCode == 0, export.Terminal);
        Assert.Contains("\rreading ", export.Terminal, StringComparison.Ordinal);
        using (var exported = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(backup)))
        {
            Assert.Equal(Count, exported.RootElement.GetArrayLength());
            Assert.Equal("s09999", exported.RootElement[Count - 1].GetProperty("session_id").GetString());
        }

        Pty.Result verify = await Pty.RunAsync([sessions, "verify", "--dir", directory], environment: now);
        Assert.True(verify.ExitCode == 0, verify.Terminal);
        Assert.Contains("\rverified ", verify.Terminal, StringComparison.Ordinal);
        Assert.Contains($"ok: {Count} sessions, no problem", verify.Terminal, StringComparison.Ordinal);
    }

    private Task<ProcessRunner.Result> DotNetAsync(Dictionary<string, string> environment, string[] args) =>
        ProcessRunner.WaitAsync(ProcessRunner.Start("dotnet", args, workingDirectory: _temp.Path, environment: environment), TimeSpan.FromMinutes(10));
}

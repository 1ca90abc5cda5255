using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>
/// A mistyped <c>--dir</c> is "not found", never an empty store (a backup script must not save nothing and exit 0), and a
/// directory this user cannot write (a read-only mount, another user's directory) is one plain error for every writing
/// command, never "shared" with advice for a library option the tool has no flag for (issue 22 items 4 and 5).
/// </summary>
public sealed class ToolStoreDirectoryTests : IDisposable
{
    private const string ReadOnly = "is read-only for this user: nothing was changed\n";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AMissingDirectory_IsNotFoundForEveryCommandButImport_WhichCreatesIt()
    {
        string missing = _temp.Combine("typo");
        string expected = $"error: there is no store directory at '{missing}' (check --dir; 'sessions import' creates one)\n";
        string[][] commands =
        [
            ["list"], ["list", "--json"], ["show", "a"], ["export"], ["export", "a"], ["verify"], ["verify", "--repair"],
            ["prune", "--older-than", "0s"], ["prune", "--older-than", "0s", "--dry-run"], ["pin", "a"], ["unpin", "a"],
            ["delete", "a"], ["fork", "a", "b"], ["trash", "list"], ["trash", "empty"], ["trash", "restore", "a"],
            ["quarantine", "list"],
        ];
        foreach (string[] command in commands)
        {
            ProcessRunner.Result result = await TestSupport.Tool.RunAsync([.. command, "--dir", missing]);
            string context = $"{string.Join(' ', command)} -> {result.ExitCode}: {result.StandardError}";
            Assert.True(result.ExitCode == 3, context);
            Assert.Equal(expected, result.StandardError);
            Assert.Equal("", result.StandardOutput); // export prints no "[]" a backup script would take for a backup
        }

        Assert.Empty(_temp.Snapshot());

        ProcessRunner.Result import = await TestSupport.Tool.RunAsync(
            ["import", "--dir", missing], """[{"session_id":"a","messages":["hi"],"input_tokens":1,"output_tokens":2}]""");
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(new StoredSession("a", ["hi"], 1, 2), new FileSessionStore(missing).Load("a"));

        // Even an empty import leaves a store that every command then opens.
        string empty = _temp.Combine("empty");
        Assert.Equal(0, (await TestSupport.Tool.RunAsync(["import", "--dir", empty], "[]")).ExitCode);
        Assert.Equal(0, (await TestSupport.Tool.RunAsync(["list", "--dir", empty])).ExitCode);
        Assert.Equal((UnixFileMode)0x1C0, File.GetUnixFileMode(empty));
    }

    [Fact]
    public async Task Unpin_OfAnUnknownId_IsNotFound_AndOfAnUnpinnedSession_IsFine()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("here", ["a"], 1, 1));

        ProcessRunner.Result unknown = await TestSupport.Tool.RunAsync(["unpin", "nobody-has-this", "--dir", store.DirectoryPath]);
        Assert.Equal(3, unknown.ExitCode);
        Assert.StartsWith("error: there is no session 'nobody-has-this'", unknown.StandardError, StringComparison.Ordinal);

        ProcessRunner.Result notPinned = await TestSupport.Tool.RunAsync(["unpin", "here", "--dir", store.DirectoryPath]);
        Assert.Equal((0, "here was not pinned\n"), (notPinned.ExitCode, notPinned.StandardOutput));
    }

    [SkippableFact]
    public async Task AReadOnlyMount_RefusesEveryWrite_InOneMessage_AndVerifyOnlyNotesIt()
    {
        Skip.If(Environment.UserName != "root", "a read-only bind mount needs root");
        string source = _temp.Combine("source");
        Fill(source);
        string mounted = _temp.Combine("readonly");
        Directory.CreateDirectory(mounted);
        ProcessRunner.Result bind = await ProcessRunner.RunAsync("mount", ["--bind", source, mounted]);
        Skip.If(bind.ExitCode != 0, "mount --bind was refused here: " + bind.StandardError.Trim());
        try
        {
            Assert.Equal(0, (await ProcessRunner.RunAsync("mount", ["-o", "remount,ro,bind", mounted])).ExitCode);
            await AssertWritesRefusedAsync(mounted, environment: null, runAs: null);
        }
        finally
        {
            await ProcessRunner.RunAsync("umount", [mounted]);
        }
    }

    [SkippableFact]
    public async Task AnotherUsersDirectory_RefusesEveryWrite_InTheSameMessage()
    {
        Skip.If(Environment.UserName != "root", "running the tool as another user needs root");
        Skip.If(!File.Exists("/usr/bin/setpriv"), "setpriv is not installed");
        string store = _temp.Combine("roots");
        Fill(store);

        // The tool runs as nobody; the store stays root's, readable by all (0755 directories, 0644 files).
        File.SetUnixFileMode(_temp.Path, (UnixFileMode)0x1ED);
        foreach (string entry in Directory.EnumerateFileSystemEntries(store, "*", SearchOption.AllDirectories).Append(store))
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry) ? (UnixFileMode)0x1ED : (UnixFileMode)0x1A4);
        }

        // The tool runs from a copy the user nobody can read: the clone the tests run in may sit in a private (0700) directory.
        string tool = _temp.Combine("tool");
        Directory.CreateDirectory(tool);
        File.SetUnixFileMode(tool, (UnixFileMode)0x1ED);
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory))
        {
            string copy = Path.Combine(tool, Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, (UnixFileMode)0x1A4);
        }

        var environment = new Dictionary<string, string> { ["HOME"] = "/tmp", ["DOTNET_CLI_HOME"] = "/tmp" };
        await AssertWritesRefusedAsync(store, environment, runAs: ["--reuid=65534", "--regid=65534", "--clear-groups"], Path.Combine(tool, "sessions.dll"));
    }

    private static void Fill(string directory)
    {
        var store = Sessions.FastStore(directory);
        store.Save(new StoredSession("old", ["a"], 1, 2));
        store.Save(new StoredSession("pinned", ["b"], 3, 4));
        Assert.True(store.Pin("pinned"));
        File.SetLastWriteTimeUtc(Path.Combine(directory, "old.json"), DateTime.UtcNow.AddDays(-90));
    }

    private static async Task AssertWritesRefusedAsync(string store, IReadOnlyDictionary<string, string>? environment, string[]? runAs, string? toolAs = null)
    {
        string[] before = TestSupport.Tool.Fingerprint(store);
        string[][] writes =
        [
            ["pin", "old"], ["unpin", "pinned"], ["delete", "old"], ["fork", "old", "new"], ["prune", "--older-than", "0s"],
            ["trash", "empty"], ["trash", "restore", "old"], ["verify", "--repair"], ["import"],
        ];
        foreach (string[] write in writes)
        {
            ProcessRunner.Result result = await RunAsync([.. write, "--dir", store], write[0] == "import" ? "[]" : null);
            string context = $"{string.Join(' ', write)} -> {result.ExitCode}: {result.StandardError}";
            Assert.True(result.ExitCode == 1, context);
            Assert.Equal($"error: the store directory '{store}' {ReadOnly}", result.StandardError);
        }

        ProcessRunner.Result verify = await RunAsync(["verify", "--dir", store], null);
        Assert.Equal(0, verify.ExitCode);
        Assert.Equal("ok: 2 sessions, no problem\n", verify.StandardOutput);
        Assert.Equal($"note: the store directory '{store}' is read-only for this user: verify only reads it; --repair and every write need write access\n", verify.StandardError);
        Assert.DoesNotContain("AllowSharedDirectory", verify.StandardError + verify.StandardOutput, StringComparison.Ordinal);

        // Reads work, and a dry run is a read.
        Assert.Equal(0, (await RunAsync(["list", "--dir", store], null)).ExitCode);
        ProcessRunner.Result dryRun = await RunAsync(["prune", "--older-than", "0s", "--dry-run", "--dir", store], null);
        Assert.True(dryRun.ExitCode == 0, dryRun.StandardError);
        Assert.Equal(before, TestSupport.Tool.Fingerprint(store));

        Task<ProcessRunner.Result> RunAsync(string[] args, string? input) => runAs is null
            ? TestSupport.Tool.RunAsync(args, input, environment: environment)
            : ProcessRunner.WaitAsync(
                ProcessRunner.Start("setpriv", [.. runAs, "dotnet", toolAs!, .. args], input, "/", environment),
                TimeSpan.FromMinutes(1));
    }
}

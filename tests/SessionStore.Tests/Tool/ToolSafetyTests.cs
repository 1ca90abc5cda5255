using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>The tool never destroys what it was not asked to touch: bare runs, the demo, read commands, and option-like ids.</summary>
public sealed class ToolSafetyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task BareSessions_PrintsHelp_AndWritesNothing()
    {
        ProcessRunner.Result result = await TestSupport.Tool.RunAsync([], workingDirectory: _temp.Path);

        Assert.Equal((0, ""), (result.ExitCode, result.StandardError));
        Assert.Contains("Usage:", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 ok", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(_temp.Snapshot());
    }

    [Fact]
    public async Task Demo_UsesATempDirectory_AndRefusesAStoreThatHoldsAnything()
    {
        var store = Sessions.FastStore(_temp.Combine(".port_sessions"));
        store.Save(new StoredSession("demo-greeting", ["mine, not the demo's"], 1, 1));
        store.Save(new StoredSession("demo-scratch", ["keep me"], 1, 1));
        string[] before = TestSupport.Tool.Fingerprint(_temp.Path);

        ProcessRunner.Result demo = await TestSupport.Tool.RunAsync(["demo"], workingDirectory: _temp.Path);
        Assert.Equal(0, demo.ExitCode);
        Assert.Contains("delete  demo-scratch -> true", demo.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("restore demo-greeting -> back as it was: True", demo.StandardOutput, StringComparison.Ordinal);
        string demoStore = demo.StandardOutput.Split('\n')[0]["store   ".Length..];
        Assert.StartsWith(Path.GetTempPath().TrimEnd('/'), demoStore, StringComparison.Ordinal);
        Directory.Delete(demoStore, recursive: true);

        ProcessRunner.Result refused = await TestSupport.Tool.RunAsync(["demo", "--dir", ".port_sessions"], workingDirectory: _temp.Path);
        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("error: ", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains("not an empty directory", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(before, TestSupport.Tool.Fingerprint(_temp.Path));

        ProcessRunner.Result fresh = await TestSupport.Tool.RunAsync(["demo", "--dir", "new-store", "--json"], workingDirectory: _temp.Path);
        Assert.Equal(0, fresh.ExitCode);
        Assert.Contains("\"ok\": true", fresh.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(["demo-greeting", "demo-weather"], new FileSessionStore(_temp.Combine("new-store")).List());
    }

    [Fact]
    public async Task ReadCommands_WriteAndDeleteNothing()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("old", ["a"], 1, 2));
        store.Save(new StoredSession("new", ["b"], 3, 4));
        File.SetLastWriteTimeUtc(Path.Combine(store.DirectoryPath, "old.json"), DateTime.UtcNow.AddDays(-90));
        Assert.True(store.Pin("new"));
        store.Save(new StoredSession("gone", ["c"], 0, 0));
        Assert.True(store.MoveToTrash("gone"));
        // Hidden temp files, one the store could have left and one it never writes: a read command touches neither.
        foreach (string name in new[] { ".old.00000000deadbeef.tmp", ".editor-swap.tmp" })
        {
            File.WriteAllText(Path.Combine(store.DirectoryPath, name), "{");
            File.SetLastWriteTimeUtc(Path.Combine(store.DirectoryPath, name), DateTime.UtcNow.AddHours(-2));
        }

        File.WriteAllText(Path.Combine(store.DirectoryPath, "notes.txt"), "not a session");
        string[] before = TestSupport.Tool.Fingerprint(_temp.Path);

        string[][] reads =
        [
            ["list"], ["list", "--json", "--recent", "--limit", "1"], ["show", "old"], ["show", "new", "--json"], ["verify"], ["verify", "--json"],
            ["export"], ["trash", "list"], ["trash", "list", "--json"], ["prune", "--older-than", "30d", "--dry-run"],
            ["trash", "empty", "--dry-run"], ["list", "--since", "7d"],
        ];
        foreach (string[] read in reads)
        {
            ProcessRunner.Result result = await TestSupport.Tool.RunAsync([.. read, "--dir", store.DirectoryPath]);
            Assert.True(result.ExitCode is 0 or 1, $"{string.Join(' ', read)}: {result.ExitCode} {result.StandardError}");
            Assert.Equal(before, TestSupport.Tool.Fingerprint(_temp.Path));
        }
    }

    [Theory]
    [InlineData(new[] { "delete", "--now", "keep" }, "'--now'")]
    [InlineData(new[] { "delete", "keep", "--force" }, "'--force'")]
    [InlineData(new[] { "show", "--jsn", "keep" }, "'--jsn'")]
    [InlineData(new[] { "pin", "-x", "keep" }, "'-x'")]
    [InlineData(new[] { "list", "--recnet" }, "'--recnet'")]
    [InlineData(new[] { "prune", "--older-than", "30d", "--dryrun" }, "'--dryrun'")]
    [InlineData(new[] { "frobnicate" }, "'frobnicate'")]
    public async Task UnknownOptions_AreUsageErrors_NeverIds(string[] args, string blamed)
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("keep", ["x"], 1, 1));
        File.SetLastWriteTimeUtc(Path.Combine(store.DirectoryPath, "keep.json"), DateTime.UtcNow.AddDays(-60));
        string[] before = TestSupport.Tool.Fingerprint(_temp.Path);

        ProcessRunner.Result result = await TestSupport.Tool.RunAsync([.. args, "--dir", store.DirectoryPath]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StandardOutput);
        Assert.StartsWith("error: ", result.StandardError, StringComparison.Ordinal);
        Assert.Contains(blamed, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, TestSupport.Tool.Fingerprint(_temp.Path));
    }

    [Fact]
    public async Task AnIdThatStartsWithADash_GoesAfterTheSeparator()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("-dash", ["x"], 1, 1));

        ProcessRunner.Result result = await TestSupport.Tool.RunAsync(["delete", "--dir", store.DirectoryPath, "--", "-dash"]);

        Assert.Equal((0, "deleted    -dash\n"), (result.ExitCode, result.StandardOutput));
        Assert.Empty(store.List());
    }
}

using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>The tool at a real terminal (a pty): progress, what it draws, and what it never lets a session's text draw.</summary>
public sealed class ToolTerminalTests : IDisposable
{
    private static readonly Dictionary<string, string> ProgressAtOnce = new() { ["SESSIONS_PROGRESS_DELAY"] = "0" };

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Prune_ShowsProgress_AndSaysWhatItMoved()
    {
        FileSessionStore store = Sessions.FastStore(_temp.Combine("store"));
        for (int i = 0; i < 500; i++)
        {
            store.Save(new StoredSession($"s{i:D3}", ["a"], 1, 1));
        }

        Pty.Result prune = await Pty.RunAsync(Pty.Tool("prune", "--older-than", "0s", "--dir", store.DirectoryPath), environment: ProgressAtOnce);
        Assert.True(prune.ExitCode == 0, prune.Terminal);
        Assert.Matches(@"\rlooked at [\d,]+", prune.Terminal);
        Assert.Contains("500 session(s) moved to the trash", prune.Terminal, StringComparison.Ordinal);
        Assert.Empty(store.List());
    }
}

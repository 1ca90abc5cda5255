using Microsoft.Extensions.AI;
using SessionStore.Agents;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>The tool at a real terminal (a pty): progress, what it draws, and what it never lets a session's text draw.</summary>
public sealed class ToolTerminalTests : IDisposable
{
    private static readonly Dictionary<string, string> ProgressAtOnce = new() { ["SESSIONS_PROGRESS_DELAY"] = "0" };

    /// <summary>A conversation longer than the pty's 24 rows would wait in the pager for a key.</summary>
    private static readonly Dictionary<string, string> NoPager = new() { ["PAGER"] = "cat" };

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

    /// <summary>Escape sequences a hostile message could carry: clear the screen, recolour, set the title, C1 CSI, bidi override, DEL.</summary>
    private static readonly string[] Hostile = ["\u001b[2J", "\u001b[31mred", "\u001b]0;owned\u0007", "\u009b1;1H", "\u202Egnp.exe", "del\u007f", "nul\u0000"];

    [Fact]
    public async Task Show_AndVerify_PrintEveryControlCharacterOfAStore_AsAVisibleEscape()
    {
        FileSessionStore store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("plain", [.. Hostile, "user: fine\ttabbed"], 1, 1));
        FileSessionStore<ChatConversation> agents = AgentStores.Conversations(store.DirectoryPath, new FileSessionStoreOptions { Durable = false });
        agents.Save(new ChatConversation("agent")
        {
            Messages = [new ChatMessage(ChatRole.User, string.Concat(Hostile)) { AuthorName = "eve\u001b[8m" }],
        });
        File.WriteAllText(Path.Combine(store.DirectoryPath, "\u001b[2Jplanted.json"), "{}");

        foreach (string id in new[] { "plain", "agent" })
        {
            Pty.Result show = await Pty.RunAsync(Pty.Tool("show", id, "--dir", store.DirectoryPath), environment: NoPager);
            Assert.True(show.ExitCode == 0, show.Terminal);
            AssertNothingHostileReachedTheTerminal(show.Terminal);
            Assert.Contains(@"\e[2J", show.Text, StringComparison.Ordinal);
            Assert.Contains(@"\e]0;owned\x07", show.Text, StringComparison.Ordinal);
            Assert.Contains(@"\x9b1;1H", show.Text, StringComparison.Ordinal);
            Assert.Contains(@"\u{202e}gnp.exe", show.Text, StringComparison.Ordinal);
            Assert.Contains(@"del\x7f", show.Text, StringComparison.Ordinal);
            Assert.Contains(@"nul\x00", show.Text, StringComparison.Ordinal);
        }

        Pty.Result tabbed = await Pty.RunAsync(Pty.Tool("show", "plain", "--dir", store.DirectoryPath), environment: NoPager);
        Assert.Contains("fine\ttabbed", tabbed.Text, StringComparison.Ordinal);

        // Piped to a file, the text is escaped the same way (a later `cat` is a terminal too); --json stays JSON.
        ProcessRunner.Result piped = await TestSupport.Tool.RunAsync(["show", "agent", "--dir", store.DirectoryPath]);
        Assert.DoesNotContain('\u001b', piped.StandardOutput);
        Assert.Contains(@"(eve\e[8m)", piped.StandardOutput, StringComparison.Ordinal);

        Pty.Result verify = await Pty.RunAsync(Pty.Tool("verify", "--dir", store.DirectoryPath));
        Assert.Equal(1, verify.ExitCode);
        Assert.Contains(@"\e[2Jplanted.json", verify.Text, StringComparison.Ordinal);
        AssertNothingHostileReachedTheTerminal(verify.Terminal);
    }

    /// <summary>The raw terminal holds none of the hostile sequences: only the tool's own colours and .NET's keypad mode.</summary>
    private static void AssertNothingHostileReachedTheTerminal(string terminal)
    {
        foreach (string hostile in Hostile)
        {
            Assert.DoesNotContain(hostile, terminal, StringComparison.Ordinal);
        }

        string ours = System.Text.RegularExpressions.Regex.Replace(terminal, @"\u001b\[(?:[0-9;]*m|\?1h|K)|\u001b=", "");
        Assert.DoesNotContain('\u001b', ours);
        Assert.DoesNotContain('\u009b', ours);
        Assert.DoesNotContain('\u202e', ours);
    }
}

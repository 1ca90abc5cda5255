using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary><c>sessions quarantine list|restore|delete</c>: everything verify --repair moved comes back, or goes for good, on request.</summary>
public sealed class ToolQuarantineTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ToolQuarantineTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(new StoredSession("alpha", ["a1"], 1, 2));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WhatVerifyRepairMoved_IsListed_Restored_NeverOverASessionUnlessForced_AndDeleted()
    {
        ProcessRunner.Result empty = await RunAsync("quarantine", "list");
        Assert.Equal((0, "", "note: the quarantine is empty\n"), (empty.ExitCode, empty.StandardOutput, empty.StandardError));

        const string Torn = "{ torn";
        const string Bad = """{"session_id": "bad", "messages": [null], "input_tokens": 1, "output_tokens": 2}""";
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "broken.json"), Torn);
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "bad.json"), Bad);
        Assert.Equal(0, (await RunAsync("verify", "--repair")).ExitCode);

        ProcessRunner.Result list = await RunAsync("quarantine", "list");
        Assert.Equal(0, list.ExitCode);
        string[] lines = list.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^bad\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(.+\)\s+80 B  every message must be a string  bad\.\d{8}T\d{9}\.[0-9a-f]{8}\.json$", lines[0]);
        Assert.StartsWith("broken ", lines[1], StringComparison.Ordinal);

        using (JsonDocument json = JsonDocument.Parse((await RunAsync("quarantine", "list", "--json")).StandardOutput))
        {
            JsonElement first = json.RootElement[0];
            Assert.Equal(("bad", 80, "every message must be a string", false),
                (first.GetProperty("session_id").GetString(), first.GetProperty("size_bytes").GetInt64(), first.GetProperty("reason").GetString(), first.GetProperty("is_legacy_journal").GetBoolean()));
            Assert.StartsWith("bad.", first.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.True(first.TryGetProperty("quarantined_at", out _));
        }

        // Back as it was, by id.
        ProcessRunner.Result restored = await RunAsync("quarantine", "restore", "broken");
        Assert.Equal(0, restored.ExitCode);
        Assert.Equal(Torn, File.ReadAllText(Path.Combine(_store.DirectoryPath, "broken.json")));

        // Never over a session that exists again, unless --force: the session in the way goes to the trash.
        _store.Save(new StoredSession("bad", ["fixed by hand"], 0, 0));
        ProcessRunner.Result refused = await RunAsync("quarantine", "restore", "bad");
        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("session 'bad' exists again, and restore never overwrites it: --force", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(["fixed by hand"], _store.Load("bad").Messages);
        ProcessRunner.Result forced = await RunAsync("quarantine", "restore", "bad", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("the session that was there is in the trash", forced.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(Bad, File.ReadAllText(Path.Combine(_store.DirectoryPath, "bad.json")));
        Assert.Equal("bad", Assert.Single(_store.ListTrash()).SessionId);

        // Deleted for good, by name or by id; an unknown one is "not found".
        Assert.Equal(0, (await RunAsync("verify", "--repair")).ExitCode);
        IReadOnlyList<QuarantinedFile> entries = _store.ListQuarantine();
        Assert.Equal(["bad", "broken"], entries.Select(e => e.SessionId));
        Assert.Equal(0, (await RunAsync("quarantine", "delete", entries[0].Name)).ExitCode);
        ProcessRunner.Result byId = await RunAsync("quarantine", "delete", "broken", "nope");
        Assert.Equal(3, byId.ExitCode);
        Assert.Contains("there is no 'nope' in the quarantine", byId.StandardError, StringComparison.Ordinal);
        Assert.Empty(_store.ListQuarantine());
        Assert.Empty(Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".quarantine")));
        Assert.Equal(3, (await RunAsync("quarantine", "restore", "broken")).ExitCode);
        Assert.Equal("a1", _store.Load("alpha").Messages[0]);
    }

    private Task<ProcessRunner.Result> RunAsync(params string[] args) => TestSupport.Tool.RunAsync([.. args, "--dir", _store.DirectoryPath]);
}

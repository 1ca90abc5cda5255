using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>The quarantine through the library: what Check(repair) moved is listed with why, given back (never over a session unless asked) and deleted.</summary>
public sealed class QuarantineTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public QuarantineTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(Sessions.Make("healthy"));
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void WhatARepairMoved_IsListedWithItsReason_RestoredAsItWas_AndDeleted()
    {
        Assert.Empty(_store.ListQuarantine());
        string torn = Path.Combine(_store.DirectoryPath, "torn.json");
        File.WriteAllText(torn, """{"session_id": "torn", "messages": [null], "input_tokens": 1, "output_tokens": 2}""");
        Assert.True(Assert.Single(_store.Check(repair: true).Problems).Repaired);

        QuarantinedFile entry = Assert.Single(_store.ListQuarantine());
        Assert.Equal(("torn", "every message must be a string", false), (entry.SessionId, entry.Reason, entry.IsLegacyJournal));
        Assert.Equal(new FileInfo(Path.Combine(_store.DirectoryPath, ".quarantine", entry.Name)).Length, entry.SizeBytes);
        Assert.InRange(entry.QuarantinedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        // Never over a session that exists again, unless asked: then that session goes to the trash, not away.
        _store.Save(Sessions.Make("torn", "written again"));
        Assert.Throws<SessionConflictException>(() => _store.RestoreFromQuarantine(entry.Name));
        Assert.Equal(["written again"], _store.Load("torn").Messages);
        Assert.Equal(torn, _store.RestoreFromQuarantine(entry.Name, overwrite: true));
        Assert.Contains("[null]", File.ReadAllText(torn), StringComparison.Ordinal);
        Assert.Equal("torn", Assert.Single(_store.ListTrash()).SessionId);
        Assert.Empty(_store.ListQuarantine());
        Assert.Empty(Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".quarantine")));
        Assert.Throws<SessionNotFoundException>(() => _store.RestoreFromQuarantine(entry.Name));

        _ = _store.Check(repair: true);
        QuarantinedFile again = Assert.Single(_store.ListQuarantine());
        Assert.True(_store.DeleteFromQuarantine(again.Name));
        Assert.False(_store.DeleteFromQuarantine(again.Name));
        Assert.Empty(Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".quarantine")));
        string outside = Path.Join("..", "healthy.json"); // not a name the quarantine makes: refused before any I/O
        Assert.Throws<ArgumentException>(() => _store.DeleteFromQuarantine(outside));
        Assert.Equal("healthy", _store.Load("healthy").SessionId);
    }
}

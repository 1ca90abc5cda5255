using Microsoft.Extensions.Logging;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>What an operator must know reaches the store's logger (source-generated events, ids and paths, never content).</summary>
public sealed class OperatorLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly CollectingLogger _logs = new();
    private readonly FileSessionStore _store;

    public OperatorLogTests() =>
        _store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, LoggerFactory = _logs });

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void ARefusedDirectory_IsLoggedAsAnError()
    {
        _store.Save(Sessions.Make("s"));
        Assert.Empty(_logs.Entries);
        File.SetUnixFileMode(_store.DirectoryPath, (UnixFileMode)0x1FF); // 0777
        Assert.Throws<UnsafeSessionDirectoryException>(() => _store.Save(Sessions.Make("t")));

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Error, 4, "DirectoryRefused", SessionStoreTelemetry.Name), (entry.Level, entry.Event.Id, entry.Event.Name, entry.Category));
        Assert.Equal(_store.DirectoryPath, entry.State["Directory"]);
        Assert.Contains("world-writable", (string)entry.State["Reason"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALockTimeout_IsLoggedWithTheSessionAndTheOperation()
    {
        _store.Save(Sessions.Make("held"));
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holder = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false });
        Task holding = Task.Run(() => holder.Update("held", s =>
        {
            inside.Set();
            release.Wait();
            return s!;
        }));
        inside.Wait();
        var impatient = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, LockTimeout = TimeSpan.FromMilliseconds(50), LoggerFactory = _logs });
        Assert.Throws<SessionLockTimeoutException>(() => impatient.Update("held", s => s!));
        release.Set();
        await holding;

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Warning, 3, "LockTimeout"), (entry.Level, entry.Event.Id, entry.Event.Name));
        Assert.Equal("held", entry.State["SessionId"]);
        Assert.Equal(SessionOperation.Update, entry.State["Operation"]);
    }

    [Fact]
    public void AQuarantinedFile_IsLoggedWithWhereItWent()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "bad.json"), "{ not json");
        _ = _store.Check(repair: false);
        Assert.Empty(_logs.Entries);

        _ = _store.Check(repair: true);

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal((LogLevel.Warning, 1, "SessionQuarantined"), (entry.Level, entry.Event.Id, entry.Event.Name));
        Assert.Equal("bad", entry.State["SessionId"]);
        Assert.True(File.Exists((string)entry.State["QuarantinePath"]!));
        Assert.DoesNotContain("not json", entry.Message, StringComparison.Ordinal);
    }
}

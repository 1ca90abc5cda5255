using System.Text;
using SessionStore.Storage;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// An append cut short: the session's file left old or torn with the append's intent recorded (as a
/// crash leaves it, built here byte by byte), and what every kind of access then sees.
/// </summary>
public sealed class AppendRecoveryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public AppendRecoveryTests() => _store = Sessions.HardenedStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    private string SessionFile => Path.Combine(_store.DirectoryPath, "s.json");

    /// <summary>Leaves the state a crash during an append of "two" leaves, with <paramref name="written"/> bytes of the new tail on disk.</summary>
    private StoredSession Crash(int written)
    {
        _store.Save(new StoredSession("s", ["one"], 1, 1));
        byte[] before = File.ReadAllBytes(SessionFile);
        StoredSession after = new("s", ["one", "two"], 3, 4);
        _store.Save(after);
        byte[] complete = File.ReadAllBytes(SessionFile);
        int offset = Encoding.ASCII.GetString(before).LastIndexOf("\"one\"", StringComparison.Ordinal) + 5;
        File.WriteAllBytes(SessionFile, before); // in place, as the append finds it
        File.SetUnixFileMode(SessionFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // the marker
        byte[] intent = AppendIntent.Encode("s", offset, MarkedVersion(), before.AsSpan(0, offset), before.AsSpan(offset), complete.AsSpan(offset));
        File.WriteAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s"), intent);
        using (var file = new FileStream(SessionFile, FileMode.Open, FileAccess.Write))
        {
            file.Position = offset;
            file.Write(complete.AsSpan(offset, written)); // in place: the part of the tail write that reached the file
        }

        return after;
    }

    private FileVersion MarkedVersion()
    {
        using var file = Posix.TryOpen(SessionFile, SessionStore.Interop.OpenFlags.ReadOnly, out _)!;
        return FileVersion.Of(Posix.Stat(file, SessionFile));
    }

    [Theory]
    [InlineData(0)]   // the crash came before the tail was written
    [InlineData(4)]   // torn: a few bytes of the new tail
    [InlineData(30)]  // torn: most of it
    public void ReadersSeeTheAppendCompleted_AndTheNextWriterCompletesItOnDisk(int written)
    {
        StoredSession after = Crash(written);

        Assert.Equal(after, _store.Load("s"));
        Assert.Equal(2, _store.Summarize("s").MessageCount);
        Assert.Contains(_store.Check().Problems, p => p.Kind == StoreProblemKind.InterruptedAppend && p.SessionId == "s" && !p.Repaired);

        _store.Append("s", ["three"], 0, 0);
        Assert.Equal(["one", "two", "three"], _store.Load("s").Messages);
        Assert.Empty(UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(SessionFile));
        Assert.Empty(_store.Check().Problems);
    }

    [Fact]
    public void OnThePortablePlatform_AnUnfinishedAppend_IsRefusedWithATypedError_NotDropped_AndTheHardenedOneCompletesIt()
    {
        Crash(4);
        byte[] intent = UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s"));
        var portable = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, FileSystemPlatform = FileSystemPlatform.Portable });

        // The portable platform cannot tell which file the intent was made for (no inode): it neither completes nor drops it.
        var refused = Assert.Throws<SessionStorageException>(() => portable.Append("s", ["three"], 0, 0));
        Assert.Equal("s", refused.SessionId);
        Assert.Contains("FileSystemPlatform.Hardened", refused.Message, StringComparison.Ordinal);
        Assert.Equal(intent, UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s")));

        _store.Append("s", ["three"], 0, 0);
        Assert.Equal(["one", "two", "three"], _store.Load("s").Messages);
        Assert.Equal(["one", "two", "three"], portable.Load("s")!.Messages);
    }

    [Fact]
    public void TheWriterThatCompletesAnAppend_LogsIt()
    {
        var logs = new CollectingLogger();
        var logged = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, LoggerFactory = logs, FileSystemPlatform = FileSystemPlatform.Hardened });
        _ = Crash(written: 4);
        Assert.Equal(2, logged.Load("s").Messages.Count); // a reader completes nothing
        Assert.Empty(logs.Entries);

        logged.Append("s", ["three"], 0, 0);

        var entry = Assert.Single(logs.Entries);
        Assert.Equal((Microsoft.Extensions.Logging.LogLevel.Warning, 2, "AppendRecovered"), (entry.Level, entry.Event.Id, entry.Event.Name));
        Assert.Equal("s", entry.State["SessionId"]);
        Assert.Equal(SessionFile, entry.State["Path"]);
    }

    [Fact]
    public void CheckRepair_CompletesTheAppend_SoThePlainFileIsWhole()
    {
        StoredSession after = Crash(written: 10);
        StoreCheckResult result = _store.Check(repair: true);
        Assert.Contains(result.Problems, p => p.Kind == StoreProblemKind.InterruptedAppend && p.Repaired);
        _store.Save(after);
        byte[] expected = File.ReadAllBytes(SessionFile);
        Crash(written: 10);
        _ = _store.Check(repair: true);
        Assert.Equal(expected, File.ReadAllBytes(SessionFile));
    }

    [Fact]
    public async Task ARecoveryWhileAForeignProcessHoldsTheFile_CompletesTheAppendInANewFile()
    {
        StoredSession after = Crash(written: 4);
        using var holder = ProcessRunner.Start("flock", ["--shared", SessionFile, "sleep", "60"]);
        try
        {
            await Task.Delay(300);
            Assert.False(holder.HasExited, "flock(1) did not take the lock");
            var writing = Task.Run(() => _store.Append("s", ["three"], 0, 0));
            Assert.Same(writing, await Task.WhenAny(writing, Task.Delay(TimeSpan.FromSeconds(10))));
            await writing;
        }
        finally
        {
            holder.Kill();
        }

        Assert.Equal(after with { Messages = [.. after.Messages, "three"] }, _store.Load("s"));
        Assert.Empty(UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s")));
        Assert.Empty(_store.Check().Problems);
    }

    [Fact]
    public void MovingToTheTrash_CompletesTheAppendFirst_SoTheTrashedFileIsWhole()
    {
        StoredSession after = Crash(written: 4);

        Assert.True(_store.MoveToTrash("s"));
        Assert.Empty(UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s")));
        string trashed = Assert.Single(Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".trash")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(trashed));

        _store.Restore("s");
        byte[] restored = File.ReadAllBytes(SessionFile);
        _store.Save(after);
        Assert.Equal(File.ReadAllBytes(SessionFile), restored);
    }

    [Fact]
    public void AnIntentThatDoesNotDescribeTheFile_IsNeverApplied()
    {
        Crash(written: 0);
        _store.Save(new StoredSession("s", ["replaced", "by", "a", "save"], 0, 0)); // the save completes, then replaces
        Assert.Equal(["replaced", "by", "a", "save"], _store.Load("s").Messages);

        Crash(written: 0);
        File.WriteAllText(SessionFile, """{"session_id": "s", "messages": ["python wrote this"], "input_tokens": 0, "output_tokens": 0}""");
        Assert.Equal(["python wrote this"], _store.Load("s").Messages);
        _store.Append("s", ["next"], 0, 0);
        Assert.Equal(["python wrote this", "next"], _store.Load("s").Messages);
    }

    [Fact]
    public void ATornIntent_IsIgnored_AndTheFileIsAsBefore()
    {
        Crash(written: 0);
        byte[] intent = UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s"));
        File.WriteAllBytes(SessionFileLayout.LockPath(_store.DirectoryPath, "s"), intent[..(intent.Length / 2)]);
        Assert.Equal(["one"], _store.Load("s").Messages);
        _store.Append("s", ["again"], 0, 0);
        Assert.Equal(["one", "again"], _store.Load("s").Messages);
    }

    [Fact]
    public async Task LoadsConcurrentWithAppends_NeverFail_AndNeverGoBack()
    {
        _store.Save(new StoredSession("s", [], 0, 0));
        // Dedicated threads, and a stop that waits for real work: a busy CI host may not schedule pool work for seconds.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        int acknowledged = 0;
        int loads = 0;
        Task watchdog = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            while (Volatile.Read(ref acknowledged) < 200 || Volatile.Read(ref loads) < 200)
            {
                await Task.Delay(50);
            }

            await stop.CancelAsync();
        });
        Task appender = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _store.Append("s", [new string('x', Random.Shared.Next(1, 300))], 1, 0);
                Interlocked.Increment(ref acknowledged);
            }
        }, TaskCreationOptions.LongRunning);
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            int seen = 0;
            while (!stop.IsCancellationRequested)
            {
                int before = Volatile.Read(ref acknowledged);
                StoredSession session = _store.Load("s");
                Assert.Equal(session.Messages.Count, session.InputTokens);
                Assert.True(session.Messages.Count >= before, $"saw {session.Messages.Count} after {before} appends returned");
                Assert.True(session.Messages.Count >= seen, "went back in time");
                seen = session.Messages.Count;
                Interlocked.Increment(ref loads);
            }
        }, TaskCreationOptions.LongRunning)).ToArray();
        await Task.WhenAll([appender, .. readers]);
        Assert.True(acknowledged >= 200 && loads >= 200, $"{acknowledged} appends, {loads} loads");
        _ = watchdog;
    }

    [Fact]
    public async Task LoadsInAnotherProcess_NeverFail_WhileThisOneAppends()
    {
        _store.Save(new StoredSession(AppendCrashLoopId, [], 0, 0));
        using var child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["append-crash-loop", _store.DirectoryPath]);
        _ = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        try
        {
            int previous = 0;
            for (int i = 0; i < 2000; i++)
            {
                StoredSession session = _store.Load(AppendCrashLoopId);
                Assert.True(TestWorker.AppendCrashLoop.IsIntact(session));
                Assert.True(session.Messages.Count >= previous);
                previous = session.Messages.Count;
            }
        }
        finally
        {
            child.Kill();
            await child.WaitForExitAsync();
        }
    }

    private const string AppendCrashLoopId = TestWorker.AppendCrashLoop.SessionId;
}

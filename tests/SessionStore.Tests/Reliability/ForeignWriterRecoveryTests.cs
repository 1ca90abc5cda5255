using System.Text;
using SessionStore.Storage;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// An append killed for real (SIGKILL, injected by strace at the system call that follows its tail write)
/// and then another writer — the Python module, a delete and re-create, a hard link, a planted file —
/// touching the session before any writer of ours: the intent must only ever apply to the file it was
/// made for.
/// </summary>
public sealed class ForeignWriterRecoveryTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public ForeignWriterRecoveryTests() => _store = Sessions.HardenedStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    private string FileOf(string id) => Path.Combine(_store.DirectoryPath, id + ".json");

    private string LockOf(string id) => SessionFileLayout.LockPath(_store.DirectoryPath, id);

    /// <summary>
    /// Appends <paramref name="message"/> to <paramref name="id"/> in a child process that is killed by SIGKILL
    /// when it clears the append marker: after the new tail is written and fsynced, before the intent is
    /// cleared. Asserts that state, so a change in the child's system calls fails here instead of testing nothing.
    /// </summary>
    private async Task KillAfterTailWriteAsync(string id, string message)
    {
        ProcessRunner.Result result = await AppendInjectingAtTheMarkersClearingAsync(id, message, "signal=SIGKILL");
        Assert.True(result.ExitCode is 137 or -9 or 9, $"the appender was not killed: exit {result.ExitCode}; {result.StandardError}");
        Assert.NotEmpty(UnlockedFile.ReadAllBytes(LockOf(id)));
        Assert.Contains(message, File.ReadAllText(FileOf(id)), StringComparison.Ordinal);
        Assert.True((File.GetUnixFileMode(FileOf(id)) & UnixFileMode.UserExecute) != 0, "the append marker is not set");
    }

    /// <summary>
    /// Appends in a child process under strace, which injects <paramref name="fault"/> at the <c>fchmod</c> that clears the
    /// append marker (#1 is the runtime's own, #2 sets the marker, #3 clears it after the fsynced tail write).
    /// </summary>
    private Task<ProcessRunner.Result> AppendInjectingAtTheMarkersClearingAsync(string id, string message, string fault) =>
        ProcessRunner.WaitAsync(
            ProcessRunner.Start("strace", ["-f", "-qq", "-o", "/dev/null", "-e", "trace=fchmod", "-e", $"inject=fchmod:{fault}:when=3",
                "dotnet", Path.Combine(AppContext.BaseDirectory, "SessionStore.TestWorker.dll"), "append", _store.DirectoryPath, id, message],
                environment: new Dictionary<string, string> { ["SESSIONSTORE_PLATFORM"] = "hardened" }), // the in-place protocol is the hardened platform's
            TimeSpan.FromMinutes(2));

    private string SameStripeAs(string id) =>
        Enumerable.Range(0, 10_000).Select(i => "other-" + i).First(o => SessionFileLayout.LockFileName(o) == SessionFileLayout.LockFileName(id));

    private Task<string> Python(string body, string id) =>
        PythonReference.RunAsync(body, $"{{\"dir\": \"{_store.DirectoryPath}\", \"id\": \"{id}\"}}");

    [Fact]
    public async Task AKilledAppendsTurn_NeverComesBack_AfterThePythonModuleSavesTheSessionWithoutIt()
    {
        _store.Save(new StoredSession("s", ["one", "two"], 1, 1));
        await KillAfterTailWriteAsync("s", "crashed turn");

        // The Python module reads the session (the turn is in the file) and saves it in place without the turn:
        // byte for byte the file as it was before the append.
        await Python("s = load_session(args['id'], Path(args['dir'])); save_session(StoredSession(s.session_id, s.messages[:-1], s.input_tokens - 1, s.output_tokens - 1), Path(args['dir']))", "s");
        byte[] python = File.ReadAllBytes(FileOf("s"));

        Assert.Equal(new StoredSession("s", ["one", "two"], 1, 1), _store.Load("s"));
        _store.Save(new StoredSession(SameStripeAs("s"), ["x"], 0, 0)); // any writer of the stripe recovers
        Assert.Equal(python, File.ReadAllBytes(FileOf("s")));
        _store.Append("s", ["next"], 0, 0);
        Assert.Equal(new StoredSession("s", ["one", "two", "next"], 1, 1), _store.Load("s"));
        Assert.Empty(UnlockedFile.ReadAllBytes(LockOf("s")));
    }

    [Fact]
    public async Task AKilledAppendsTurn_NeverEntersANewSessionThatThePythonModuleSavedInItsPlace()
    {
        _store.Save(new StoredSession("s", ["one", "two"], 1, 1));
        await KillAfterTailWriteAsync("s", "dead turn");

        await Python("delete_session(args['id'], Path(args['dir'])); save_session(StoredSession(args['id'], ('one', 'two'), 1, 1), Path(args['dir']))", "s");
        byte[] python = File.ReadAllBytes(FileOf("s"));

        _store.Save(new StoredSession(SameStripeAs("s"), ["x"], 0, 0));
        Assert.Equal(python, File.ReadAllBytes(FileOf("s")));
        Assert.Equal(new StoredSession("s", ["one", "two"], 1, 1), _store.Load("s"));
    }

    [Fact]
    public async Task AKilledAppend_IsCompletedByTheNextWriter_WhenNobodyElseWroteTheFile()
    {
        _store.Save(new StoredSession("s", ["one"], 1, 1));
        await KillAfterTailWriteAsync("s", "two");

        Assert.Equal(["one", "two"], _store.Load("s").Messages);
        _store.Append("s", ["three"], 0, 0);
        Assert.Equal(new StoredSession("s", ["one", "two", "three"], 2, 2), _store.Load("s"));
        Assert.Empty(UnlockedFile.ReadAllBytes(LockOf("s")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FileOf("s")));
    }

    [Fact]
    public async Task AnAppendWhoseTidyingUpFailsAfterItsTailIsOnDisk_ReturnsAsDone_SoTheCallerNeverRetriesIt()
    {
        _store.Save(new StoredSession("s", ["one"], 1, 1));
        _store.Append("s", ["two"], 1, 1); // the file is canonical: the next append goes in place

        // The tail is written and fsynced; clearing the marker then fails with EIO (a failing disk, a file system gone read-only).
        ProcessRunner.Result result = await AppendInjectingAtTheMarkersClearingAsync("s", "three", "error=EIO");

        Assert.True(result.ExitCode == 0, $"an append that is in the file was reported as failed, so the caller retries it: exit {result.ExitCode}; {result.StandardError}");
        Assert.True((File.GetUnixFileMode(FileOf("s")) & UnixFileMode.UserExecute) != 0, "the fault did not land on the clearing of the marker");
        Assert.NotEmpty(UnlockedFile.ReadAllBytes(LockOf("s")));
        Assert.Equal(new StoredSession("s", ["one", "two", "three"], 3, 3), _store.Load("s"));
        _store.Save(new StoredSession(SameStripeAs("s"), ["x"], 0, 0)); // the next writer of the stripe tidies up
        Assert.Empty(UnlockedFile.ReadAllBytes(LockOf("s")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FileOf("s")));
        _store.Append("s", ["four"], 0, 0);
        Assert.Equal(new StoredSession("s", ["one", "two", "three", "four"], 3, 3), _store.Load("s"));
    }

    [Fact]
    public async Task CompletingAnAppend_NeverChangesAHardLinkedSnapshot()
    {
        _store.Save(new StoredSession("s", ["one"], 1, 1));
        await KillAfterTailWriteAsync("s", "two");
        byte[] crashed = File.ReadAllBytes(FileOf("s"));
        // Tear the tail as a power cut could, then snapshot the file by a hard link (as `cp -al` or a backup tool does).
        string text = Encoding.UTF8.GetString(crashed);
        int cut = text.IndexOf("\"two\"", StringComparison.Ordinal) + 2;
        using (var file = new FileStream(FileOf("s"), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(cut);
        }

        byte[] torn = File.ReadAllBytes(FileOf("s"));
        string snapshot = _temp.Combine("snapshot.json");
        Assert.Equal(0, (await ProcessRunner.RunAsync("ln", [FileOf("s"), snapshot])).ExitCode);
        (UnixFileMode, DateTime) taken = (File.GetUnixFileMode(snapshot), File.GetLastWriteTimeUtc(snapshot));

        _store.Append("s", ["three"], 0, 0);

        Assert.Equal(torn, File.ReadAllBytes(snapshot));
        Assert.Equal(taken, (File.GetUnixFileMode(snapshot), File.GetLastWriteTimeUtc(snapshot))); // not even its mode (the append marker)
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FileOf("s")));
        Assert.Equal(new StoredSession("s", ["one", "two", "three"], 2, 2), _store.Load("s"));
    }

    [Fact]
    public async Task AHugeSparseFileInACrashedSessionsPlace_DoesNotStopWritersOfTheStripe()
    {
        _store.Save(new StoredSession("s", ["one"], 1, 1));
        await KillAfterTailWriteAsync("s", "two");
        using (var file = new FileStream(FileOf("s"), FileMode.Open, FileAccess.Write))
        {
            file.SetLength(3L * 1024 * 1024 * 1024); // in place: same inode, 3 GiB
        }

        string other = SameStripeAs("s");
        _store.Save(new StoredSession(other, ["x"], 0, 0));
        _store.Append(other, ["y"], 0, 0);
        Assert.True(_store.Delete(other));
        Assert.Equal(3L * 1024 * 1024 * 1024, new FileInfo(FileOf("s")).Length);
        Assert.Empty(UnlockedFile.ReadAllBytes(LockOf("s")));
        Assert.Throws<SessionCorruptException>(() => _store.Load("s"));
    }

    [Fact]
    public async Task ALinkOrFifoInACrashedSessionsPlace_DoesNotStopWritersOfTheStripe_AndRepairClearsTheIntent()
    {
        _store.Save(new StoredSession("s", ["one"], 1, 1));
        _store.Save(new StoredSession("f", ["one"], 1, 1));
        await KillAfterTailWriteAsync("s", "two");
        File.Delete(FileOf("s"));
        File.CreateSymbolicLink(FileOf("s"), _temp.Combine("elsewhere.json"));
        File.WriteAllText(_temp.Combine("elsewhere.json"), "{}");

        string other = SameStripeAs("s");
        _store.Save(new StoredSession(other, ["x"], 0, 0));
        Assert.Equal(["x"], _store.Load(other).Messages);
        Assert.Equal("{}", File.ReadAllText(_temp.Combine("elsewhere.json")));
        Assert.Empty(UnlockedFile.ReadAllBytes(LockOf("s")));

        await KillAfterTailWriteAsync("f", "two");
        File.Delete(FileOf("f"));
        Assert.Equal(0, (await ProcessRunner.RunAsync("mkfifo", [FileOf("f")])).ExitCode);
        StoreCheckResult repaired = _store.Check(repair: true);
        Assert.Contains(repaired.Problems, p => p.Kind == StoreProblemKind.InterruptedAppend && p.SessionId == "f" && p.Repaired);
        Assert.Empty(UnlockedFile.ReadAllBytes(LockOf("f")));
        Assert.DoesNotContain(_store.Check().Problems, p => p.Kind == StoreProblemKind.InterruptedAppend);
    }
}

using System.Formats.Tar;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>Append: into the session's own file, whose tail is rewritten in place; the file alone is always the whole session.</summary>
public sealed class AppendTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public AppendTests() => _store = Sessions.FastStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    private string SessionFile(string id) => Path.Combine(_store.DirectoryPath, id + ".json");

    private static StoredSession Appended(StoredSession session, long input, long output, params string[] messages) =>
        session with { Messages = [.. session.Messages, .. messages], InputTokens = session.InputTokens + input, OutputTokens = session.OutputTokens + output };

    [Fact]
    public void Append_ToAnAbsentSession_CreatesIt_AndLeavesNothingBeside()
    {
        _store.Append("new", ["hi"], 3, 4);
        Assert.Equal(new StoredSession("new", ["hi"], 3, 4), _store.Load("new"));
        Assert.Equal(["new.json"], Directory.EnumerateFiles(_store.DirectoryPath).Select(Path.GetFileName));
    }

    [Fact]
    public void Appends_AreInTheSessionsOwnFile_ByteForByteWhatASaveOfTheWholeSessionWrites()
    {
        StoredSession start = Sessions.WithMessages("s", 1000);
        _store.Save(start);
        _store.Append("s", ["turn 1"], 10, 20);
        _store.Append("s", ["turn 2", "tür \"3\"\n"], 1, 2);

        StoredSession expected = Appended(start, 11, 22, "turn 1", "turn 2", "tür \"3\"\n");
        byte[] appendedFile = File.ReadAllBytes(SessionFile("s"));
        _store.Save(expected);
        Assert.Equal(File.ReadAllBytes(SessionFile("s")), appendedFile);
        Assert.Equal(expected, _store.Load("s"));
        Assert.Empty(_store.Check().Problems);
    }

    [Fact]
    public void Appends_ToAnEmptySession_AndOfNoMessages_KeepTheFileCanonical()
    {
        _store.Save(new StoredSession("s", [], 0, 0));
        _store.Append("s", [], 5, 0);
        _store.Append("s", ["first"], 0, 7);
        _store.Append("s", [], 0, 1);
        byte[] appended = File.ReadAllBytes(SessionFile("s"));
        StoredSession expected = new("s", ["first"], 5, 8);
        Assert.Equal(expected, _store.Load("s"));
        _store.Save(expected);
        Assert.Equal(File.ReadAllBytes(SessionFile("s")), appended);
    }

    [Fact]
    public async Task TheFileAlone_CarriesEveryAppend_ThroughTouchCopyAndTar()
    {
        _store.Save(Sessions.Make("s", "one"));
        _store.Append("s", ["two"], 1, 1);
        _store.Append("s", ["three"], 1, 1);
        StoredSession expected = Appended(Sessions.Make("s", "one"), 2, 2, "two", "three");

        File.SetLastWriteTimeUtc(SessionFile("s"), DateTime.UtcNow.AddDays(-3)); // touch
        Assert.Equal(expected, _store.Load("s"));

        string copy = _temp.Combine("copy");
        Directory.CreateDirectory(copy);
        File.Copy(SessionFile("s"), Path.Combine(copy, "s.json"));
        Assert.Equal(expected, new FileSessionStore(copy).Load("s"));

        string archive = _temp.Combine("store.tar");
        await TarFile.CreateFromDirectoryAsync(_store.DirectoryPath, archive, includeBaseDirectory: false);
        string restored = _temp.Combine("restored");
        Directory.CreateDirectory(restored);
        await TarFile.ExtractToDirectoryAsync(archive, restored, overwriteFiles: false);
        var restoredStore = new FileSessionStore(restored);
        Assert.Equal(expected, restoredStore.Load("s"));
        restoredStore.Append("s", ["four"], 0, 0);
        Assert.Equal(["one", "two", "three", "four"], restoredStore.Load("s").Messages);
    }

    [Fact]
    public async Task ThePythonModule_SeesEveryAppend_KeepsThemWhenItResaves_AndItsDeleteLeavesNothing()
    {
        _store.Save(Sessions.Make("s", "one"));
        _store.Append("s", ["two"], 1, 1);
        Assert.Equal("one,two", await Python("print(','.join(load_session(args['id'], Path(args['dir'])).messages))"));

        await Python("s = load_session(args['id'], Path(args['dir'])); save_session(StoredSession(s.session_id, s.messages + ('py',), s.input_tokens, s.output_tokens), Path(args['dir']))");
        _store.Append("s", ["three"], 0, 0);
        Assert.Equal(["one", "two", "py", "three"], _store.Load("s").Messages);

        Assert.Equal("True", (await Python("print(delete_session(args['id'], Path(args['dir'])))")).Trim());
        Assert.Equal(["lock"], Directory.EnumerateFiles(_store.DirectoryPath, "*", SearchOption.AllDirectories).Select(p => Path.GetExtension(p).TrimStart('.')).Distinct());
    }

    [Fact]
    public void SummarizeAndPrune_SeeAppends()
    {
        _store.Save(Sessions.Make("s", "old"));
        File.SetLastWriteTimeUtc(SessionFile("s"), DateTime.UtcNow.AddDays(-40));
        _store.Append("s", ["today"], 5, 6);

        SessionSummary summary = _store.Summarize("s");
        Assert.Equal(2, summary.MessageCount);
        Assert.Equal(Sessions.Make("s").InputTokens + 5, summary.InputTokens);
        Assert.True(summary.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Empty(_store.PruneOlderThan(DateTimeOffset.UtcNow.AddDays(-30)));
        Assert.Equal(["old", "today"], _store.Load("s").Messages);
    }

    [Fact]
    public void AFileInAnotherShape_IsRewrittenCanonicalOnce_ThenAppendedInPlace()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        File.WriteAllText(SessionFile("s"), """{"output_tokens": 2, "session_id": "s", "input_tokens": 1, "messages": ["a"], "extra": [1]}""" + "\n");
        _store.Append("s", ["b"], 1, 1);
        Assert.Equal(new StoredSession("s", ["a", "b"], 2, 3), _store.Load("s"));
        ulong inode = Inode(SessionFile("s"));
        _store.Append("s", ["c"], 0, 0);
        TestPlatform.AssertAppendedInPlace(inode, Inode(SessionFile("s")));
        Assert.Equal(["a", "b", "c"], _store.Load("s").Messages);
    }

    [Fact]
    public async Task AForeignProcessHoldingTheFileShared_NeverStallsAnAppend_TheFileIsRewrittenWholeInstead()
    {
        _store.Save(Sessions.Make("s", "one"));
        ulong inode = Inode(SessionFile("s"));
        // util-linux flock(1) holds a shared lock on the file, as a reader that is not ours might, for 60 s.
        using var holder = ProcessRunner.Start("flock", ["--shared", SessionFile("s"), "sleep", "60"]);
        try
        {
            await Task.Delay(300);
            Assert.False(holder.HasExited, "flock(1) did not take the lock");
            var appending = Task.Run(() => _store.Append("s", ["two"], 1, 1));
            Assert.Same(appending, await Task.WhenAny(appending, Task.Delay(TimeSpan.FromSeconds(10))));
            await appending;
        }
        finally
        {
            holder.Kill();
        }

        Assert.Equal(Appended(Sessions.Make("s", "one"), 1, 1, "two"), _store.Load("s"));
        Assert.NotEqual(inode, Inode(SessionFile("s")));
        Assert.Empty(_store.Check().Problems);
    }

    [Fact]
    public void AHardLinkedFile_IsRewritten_SoTheOtherNameKeepsItsContent()
    {
        _store.Save(Sessions.Make("s", "one"));
        string backup = _temp.Combine("backup.json");
        Assert.Equal(0, Link(SessionFile("s"), backup));
        byte[] before = File.ReadAllBytes(backup);

        _store.Append("s", ["two"], 0, 0);

        Assert.Equal(before, File.ReadAllBytes(backup));
        Assert.Equal(["one", "two"], _store.Load("s").Messages);
    }

    [Fact]
    public void ASave_SupersedesEarlierAppends()
    {
        _store.Save(Sessions.Make("s", "base"));
        _store.Append("s", ["appended"], 5, 5);
        _store.Save(Sessions.Make("s", "replaced"));
        Assert.Equal(Sessions.Make("s", "replaced"), _store.Load("s"));
    }

    [Fact]
    public void TheRevision_CoversAppends_AndUpdateSeesThem()
    {
        _store.Save(Sessions.Make("s", "base"));
        SessionRevision<StoredSession> before = _store.LoadRevision("s");
        _store.Append("s", ["appended"], 0, 0);

        Assert.NotEqual(before.ETag, _store.LoadRevision("s").ETag);
        Assert.Throws<SessionConflictException>(() => _store.SaveIfMatch(before.Session, before.ETag));
        Assert.Equal(["base", "appended", "updated"], _store.Update("s", s => s! with { Messages = [.. s.Messages, "updated"] }).Messages);
        Assert.Equal(["base", "appended", "updated"], _store.Load("s").Messages);
    }

    [Fact]
    public void Append_RefusesBadInput_BeforeAnyIo()
    {
        Assert.Throws<InvalidSessionIdException>(() => _store.Append(string.Concat("..", "/x"), ["m"], 0, 0));
        Assert.Throws<ArgumentNullException>(() => _store.Append("s", null!, 0, 0));
        Assert.Throws<ArgumentException>(() => _store.Append("s", ["ok", null!], 0, 0));
        Assert.Throws<ArgumentException>(() => _store.Append("s", ["m"], -1, 0));
        Assert.Empty(_temp.Snapshot());
    }

    [Fact]
    public async Task AppendAsync_IsTheSameAppend()
    {
        await _store.AppendAsync("s", ["a"], 1, 2);
        await _store.AppendAsync("s", ["b"], 1, 2);
        Assert.Equal(new StoredSession("s", ["a", "b"], 2, 4), await _store.LoadAsync("s"));
    }

    private async Task<string> Python(string body) =>
        (await PythonReference.RunAsync(body, $"{{\"dir\": \"{_store.DirectoryPath}\", \"id\": \"s\"}}")).Trim();

    private static ulong Inode(string path) => SessionStore.Storage.Posix.TryStatEntry(path, out SessionStore.Interop.StatxBuffer status, out _) ? status.Ino : 0;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string newPath);
}

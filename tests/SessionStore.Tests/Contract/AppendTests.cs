using System.Text;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>Append: a journal beside the session's file, replayed on load, folded in by compaction.</summary>
public sealed class AppendTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public AppendTests() => _store = Sessions.FastStore(_temp.Combine("store"));

    public void Dispose() => _temp.Dispose();

    private string SessionFile(string id) => Path.Combine(_store.DirectoryPath, id + ".json");

    private string Journal(string id) => Path.Combine(_store.DirectoryPath, "." + id + ".journal");

    [Fact]
    public void Append_ToAnAbsentSession_CreatesIt()
    {
        _store.Append("new", ["hi"], 3, 4);
        Assert.Equal(new StoredSession("new", ["hi"], 3, 4), _store.Load("new"));
        Assert.False(File.Exists(Journal("new")));
    }

    [Fact]
    public void Appends_GoToTheJournal_AndLoadReplaysThem_WithoutRewritingTheFile()
    {
        _store.Save(Sessions.WithMessages("s", 1000));
        byte[] before = File.ReadAllBytes(SessionFile("s"));
        DateTime written = File.GetLastWriteTimeUtc(SessionFile("s"));

        _store.Append("s", ["turn 1"], 10, 20);
        _store.Append("s", ["turn 2", "turn 3"], 1, 2);

        StoredSession expected = Sessions.WithMessages("s", 1000) is var b
            ? b with { Messages = [.. b.Messages, "turn 1", "turn 2", "turn 3"], InputTokens = b.InputTokens + 11, OutputTokens = b.OutputTokens + 22 }
            : null!;
        Assert.Equal(expected, _store.Load("s"));
        Assert.Equal(before, File.ReadAllBytes(SessionFile("s")));
        Assert.Equal(written, File.GetLastWriteTimeUtc(SessionFile("s")));
        Assert.Equal(["s"], _store.List());
        Assert.Empty(_store.Check().Problems);
    }

    [Fact]
    public async Task Compact_FoldsTheJournalIn_SoThePythonModuleSeesEverything()
    {
        _store.Save(Sessions.Make("s", "one"));
        _store.Append("s", ["two"], 1, 1);
        string pythonBefore = await LoadInPython("s");
        Assert.Equal("one", pythonBefore);

        Assert.True(_store.Compact("s"));

        Assert.False(File.Exists(Journal("s")));
        Assert.Equal("one,two", await LoadInPython("s"));
        Assert.Equal(Sessions.Make("s", "one", "two") with { InputTokens = 13, OutputTokens = 35 }, _store.Load("s"));
        Assert.False(_store.Compact("s"));
    }

    [Fact]
    public void TheJournal_IsCompactedOnItsOwn_OnceItOutgrowsTheFile()
    {
        _store.Save(Sessions.Make("s"));
        string big = new('x', 1000);
        for (int i = 0; i < 80; i++)
        {
            _store.Append("s", [big], 1, 0);
        }

        Assert.True(new FileInfo(Journal("s")).Exists == false || new FileInfo(Journal("s")).Length <= FileSessionStore.MinimumCompactionBytes);
        StoredSession loaded = _store.Load("s");
        Assert.Equal(82, loaded.Messages.Count);
        Assert.Equal(92, loaded.InputTokens);
        Assert.True(new FileInfo(SessionFile("s")).Length > 60_000, "the compacted file holds the appended messages");
    }

    [Fact]
    public void ATornTail_IsIgnoredOnLoad_AndCutOffByTheNextAppend()
    {
        _store.Save(Sessions.Make("s", "base"));
        _store.Append("s", ["kept"], 0, 0);
        File.AppendAllText(Journal("s"), "0123456789abcdef {\"messages\":[\"torn");

        Assert.Equal(["base", "kept"], _store.Load("s").Messages);

        _store.Append("s", ["after"], 0, 0);
        Assert.Equal(["base", "kept", "after"], _store.Load("s").Messages);
        Assert.DoesNotContain("torn", File.ReadAllText(Journal("s")), StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordThatFailsItsChecksum_EndsTheReplay()
    {
        _store.Save(Sessions.Make("s", "base"));
        _store.Append("s", ["good"], 0, 0);
        _store.Append("s", ["flipped"], 0, 0);
        byte[] journal = File.ReadAllBytes(Journal("s"));
        int at = Encoding.UTF8.GetString(journal).IndexOf("flipped", StringComparison.Ordinal);
        journal[at] ^= 0x20;
        File.WriteAllBytes(Journal("s"), journal);

        Assert.Equal(["base", "good"], _store.Load("s").Messages);
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
    public void Delete_RemovesTheJournal_AndAppendsStartOver()
    {
        _store.Save(Sessions.Make("s", "base"));
        _store.Append("s", ["appended"], 0, 0);
        Assert.True(_store.Delete("s"));
        Assert.False(File.Exists(Journal("s")));
        _store.Append("s", ["fresh"], 1, 1);
        Assert.Equal(new StoredSession("s", ["fresh"], 1, 1), _store.Load("s"));
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

    private async Task<string> LoadInPython(string id) =>
        (await PythonReference.RunAsync(
            """print(",".join(load_session(args["id"], Path(args["dir"])).messages))""",
            $"{{\"dir\": \"{_store.DirectoryPath}\", \"id\": \"{id}\"}}")).Trim();
}

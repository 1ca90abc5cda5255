using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>
/// The directory store's trash and pins on disk (the conformance suite covers the behaviour on both
/// backends): hidden folders, renames that keep the bytes and the last write time, pins a copy keeps,
/// and nothing the Python module lists.
/// </summary>
public sealed class RetentionLayoutTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Trash_IsAHiddenFolder_TheFileMovesAsItIs_AndNoOneListsIt()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        string path = store.Save(new StoredSession("alpha", ["a"], 1, 2));
        DateTime written = DateTime.UtcNow.AddDays(-3);
        File.SetLastWriteTimeUtc(path, written);
        byte[] bytes = File.ReadAllBytes(path);

        Assert.True(store.MoveToTrash("alpha"));

        string entry = Assert.Single(Directory.GetFiles(Path.Combine(store.DirectoryPath, ".trash")));
        Assert.Matches(@"/alpha~\d{19}~[0-9a-f]{16}\.json$", entry);
        Assert.Equal(bytes, File.ReadAllBytes(entry));
        Assert.Equal(written, File.GetLastWriteTimeUtc(entry));
        Assert.Empty(store.List());
        Assert.Equal(written, store.ListTrash().Single().LastModified.UtcDateTime);
        Assert.Equal("[]\n", await PythonReference.RunAsync("print(list_sessions(Path(args['dir'])))", $"{{\"dir\": \"{store.DirectoryPath}\"}}"));

        store.Restore("alpha");
        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.Empty(Directory.GetFiles(Path.Combine(store.DirectoryPath, ".trash")));
    }

    [Fact]
    public void PinsAndTrash_TravelWithACopyOfTheDirectory()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("keep", ["k"], 1, 1));
        store.Save(new StoredSession("drop", ["d"], 1, 1));
        Assert.True(store.Pin("keep"));
        Assert.True(store.MoveToTrash("drop"));

        string copy = _temp.Combine("copy");
        CopyDirectory(store.DirectoryPath, copy);
        var copied = new FileSessionStore(copy);

        Assert.Equal(["keep"], copied.ListPinned());
        Assert.Equal(["keep"], copied.Prune(DateTimeOffset.UtcNow.AddDays(1)).KeptPinned);
        copied.Restore("drop");
        Assert.Equal(["drop", "keep"], copied.List());
    }

    [Fact]
    public void Trash_IgnoresFilesItDidNotWrite()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        string trash = Path.Combine(store.DirectoryPath, ".trash");
        Directory.CreateDirectory(trash);
        foreach (string name in new[] { "notes.txt", "x.json", "bad name~0638700000000000000~00000000.json", "y~notticks~00000000.json", "~0638700000000000000~0.json" })
        {
            File.WriteAllText(Path.Combine(trash, name), "{}");
        }

        Assert.Empty(store.ListTrash());
        Assert.Empty(store.EmptyTrash());
        Assert.Equal(5, Directory.GetFiles(trash).Length);
    }

    [Fact]
    public void Appends_TravelWithTheSession_IntoTheTrashAndBack()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("chat", ["one"], 1, 1));
        store.Append("chat", ["two"], 2, 3);
        byte[] whole = File.ReadAllBytes(Path.Combine(store.DirectoryPath, "chat.json"));

        Assert.True(store.MoveToTrash("chat"));
        Assert.Equal(whole, File.ReadAllBytes(Assert.Single(Directory.GetFiles(Path.Combine(store.DirectoryPath, ".trash")))));
        store.Restore("chat");

        Assert.Equal(new StoredSession("chat", ["one", "two"], 3, 4), store.Load("chat"));
    }

    [Fact]
    public void FindForeignEntries_NamesWhatIsNotTheStores()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("ok", ["x"], 1, 1));
        store.Append("ok", ["y"], 0, 0);
        Assert.True(store.Pin("ok"));
        _ = store.Update("ok", s => s!);
        store.Save(new StoredSession("gone", ["x"], 1, 1));
        Assert.True(store.MoveToTrash("gone"));
        File.WriteAllText(Path.Combine(store.DirectoryPath, ".ok.00000000deadbeef.tmp"), "{");
        File.WriteAllText(Path.Combine(store.DirectoryPath, "notes.txt"), "");
        File.WriteAllText(Path.Combine(store.DirectoryPath, "bad name.json"), "{}");
        Directory.CreateDirectory(Path.Combine(store.DirectoryPath, "x.json"));
        Directory.CreateDirectory(Path.Combine(store.DirectoryPath, "archive"));

        IReadOnlyList<StoreProblem> foreign = store.FindForeignEntries();

        Assert.Equal(["archive", "bad name.json", "notes.txt", "x.json"], foreign.Select(p => Path.GetFileName(p.Path)));
        Assert.Equal([StoreProblemKind.ForeignEntry, StoreProblemKind.ForeignFile, StoreProblemKind.ForeignEntry, StoreProblemKind.ForeignEntry], foreign.Select(p => p.Kind));
        Assert.Contains("named like a session", foreign[3].Description, StringComparison.Ordinal);
        Assert.Equal(foreign, store.Check().Problems.Where(p => p.Kind is StoreProblemKind.ForeignFile or StoreProblemKind.ForeignEntry).OrderBy(p => p.Path, StringComparer.Ordinal));
        Assert.Empty(new FileSessionStore(_temp.Combine("missing")).FindForeignEntries());
    }

    [Fact]
    public void ADryRunPrune_ChangesNothing()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        string path = store.Save(new StoredSession("old", ["x"], 1, 1));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-100));
        string leftover = Path.Combine(store.DirectoryPath, ".old.00000000deadbeef.tmp");
        File.WriteAllText(leftover, "{");
        File.SetLastWriteTimeUtc(leftover, DateTime.UtcNow.AddDays(-1));
        string[] before = TestSupport.Tool.Fingerprint(_temp.Path);

        Assert.Equal(["old"], store.Prune(DateTimeOffset.UtcNow.AddDays(-30), dryRun: true).Trashed);
        Assert.Empty(store.EmptyTrash(DateTimeOffset.UtcNow, dryRun: true));
        Assert.Empty(store.ListTrash());

        Assert.Equal(before, TestSupport.Tool.Fingerprint(_temp.Path));
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string directory in Directory.GetDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    [Fact]
    public void Restore_BringsBackTheMostRecentlyTrashed_WhenTwoEntriesCarryTheSameTime()
    {
        var frozen = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, TimeProvider = new StandingClock() });
        for (int round = 0; round < 12; round++)
        {
            string id = "tie" + round;
            frozen.Save(new StoredSession(id, ["older"], 1, 1));
            Assert.True(frozen.MoveToTrash(id));
            frozen.Save(new StoredSession(id, ["newer"], 2, 2));
            Assert.True(frozen.MoveToTrash(id));

            frozen.Restore(id);

            Assert.Equal(["newer"], frozen.Load(id).Messages);
            Assert.Single(frozen.ListTrash(), t => t.SessionId == id);
            Assert.True(frozen.Delete(id));
            frozen.Restore(id);
            Assert.Equal(["older"], frozen.Load(id).Messages);
        }
    }

    [Theory]
    [InlineData("symlink")]
    [InlineData("fifo")]
    [InlineData("directory")]
    public async Task Restore_NeverMovesALinkOrSpecialFileInTheTrash_IntoTheStore(string kind)
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("s", ["real"], 1, 1));
        Assert.True(store.MoveToTrash("s"));
        string outside = _temp.Combine("outside.json");
        File.WriteAllText(outside, """{"session_id": "s", "messages": ["planted"], "input_tokens": 0, "output_tokens": 0}""");
        string planted = Path.Combine(store.DirectoryPath, ".trash", $"s~{DateTime.MaxValue.Ticks:D19}~ffffffffffffffff.json");
        switch (kind)
        {
            case "symlink": File.CreateSymbolicLink(planted, outside); break;
            case "fifo": Assert.Equal(0, (await ProcessRunner.RunAsync("mkfifo", [planted])).ExitCode); break;
            default: Directory.CreateDirectory(planted); break;
        }

        Assert.Single(store.ListTrash());
        store.Restore("s");

        Assert.Equal(["real"], store.Load("s").Messages);
        Assert.True(Path.Exists(planted) || new FileInfo(planted).LinkTarget is not null, "the planted entry left the trash");
        Assert.Throws<SessionNotFoundException>(() => store.Restore("s"));
        Assert.Equal(["real"], store.Load("s").Messages);
    }

    /// <summary>A test clock that stands still.</summary>
    private sealed class StandingClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    }
}

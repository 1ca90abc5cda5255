using System.Diagnostics;
using SessionStore.Index;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Catalog;

/// <summary>
/// The directory store's index against real foreign writers (the Python module, cp, tar, rsync, a library writer
/// without the index, a process killed between its file write and its index update) and real damage to the index:
/// the next query is always right, and the index never writes outside the store.
/// </summary>
public sealed class DirectoryIndexTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string StorePath => _temp.Combine("store");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PythonModule_NewExistingAndDeleted_AreSeenByTheNextQuery()
    {
        FileSessionStore store = Indexed();
        store.Save(new StoredSession("kept", ["first words"], 1, 1));
        store.Save(new StoredSession("doomed", ["to be deleted"], 1, 1));
        Assert.Equal(["doomed", "kept"], Ids(store.Query(new SessionQuery { Order = SessionQueryOrder.Id })));

        await PythonReference.RunAsync(
            """
            d = Path(args["dir"])
            save_session(StoredSession("py-new", ("a zeppelin from python",), 2, 3), d)
            save_session(StoredSession("kept", ("rewritten in place by python", "second"), 5, 6), d)
            delete_session("doomed", d)
            """,
            $"{{\"dir\": \"{StorePath}\"}}");

        Assert.Equal(["kept", "py-new"], Ids(store.Query(new SessionQuery { Order = SessionQueryOrder.Id })));
        SessionMetadata kept = store.GetMetadata("kept")!;
        Assert.Equal(("rewritten in place by python", 2, 5L), (kept.Title, kept.ItemCount, kept.InputTokens));
        Assert.Equal(["py-new"], store.Search("zeppelin").Hits.Select(h => h.Session.SessionId));
        Assert.Equal(["kept"], store.Search("rewritten").Hits.Select(h => h.Session.SessionId));
        Assert.Empty(store.Search("deleted").Hits);
    }

    [Fact]
    public async Task InPlaceRewrite_OfASessionOnThePage_IsReadAgainBeforeItIsReturned()
    {
        FileSessionStore store = Indexed();
        store.Save(new StoredSession("only", ["before"], 1, 1));
        Assert.Equal("before", store.Query(new SessionQuery()).Sessions.Single().Title);

        // save_session over an existing file: an in-place rewrite, which changes no entry of the directory.
        await PythonReference.RunAsync("save_session(StoredSession('only', ('after the rewrite', 'x'), 1, 1), Path(args['dir']))", $"{{\"dir\": \"{StorePath}\"}}");

        SessionMetadata row = store.Query(new SessionQuery()).Sessions.Single();
        Assert.Equal(("after the rewrite", 2), (row.Title, row.ItemCount));
    }

    [Fact]
    public async Task Cp_Tar_Rsync_IntoTheStore_AreSeenByTheNextQuery()
    {
        FileSessionStore store = Indexed();
        store.Save(new StoredSession("base", ["base session"], 1, 1));
        _ = store.Query(new SessionQuery());
        string source = _temp.Combine("source");
        var plain = new FileSessionStore(source, new FileSessionStoreOptions { Durable = false });
        foreach (string id in (string[])["copied", "untarred", "synced"])
        {
            plain.Save(new StoredSession(id, [$"the {id} walrus"], 1, 1));
        }

        await Run("cp", Path.Join(source, "copied.json"), StorePath + "/");
        Assert.Contains("copied", Ids(store.Query(new SessionQuery())));

        await Run("tar", "-C", source, "-cf", _temp.Combine("a.tar"), "untarred.json");
        await Run("tar", "-C", StorePath, "-xf", _temp.Combine("a.tar"));
        Assert.Contains("untarred", Ids(store.Query(new SessionQuery())));

        if (File.Exists("/usr/bin/rsync"))
        {
            await Run("rsync", Path.Join(source, "synced.json"), StorePath + "/");
            Assert.Contains("synced", Ids(store.Query(new SessionQuery())));
        }

        // cp onto an existing session: in place, the same inode.
        plain.Save(new StoredSession("copied", ["a replaced narwhal", "two"], 1, 1));
        await Run("cp", Path.Join(source, "copied.json"), Path.Join(StorePath, "copied.json"));
        Assert.Equal(2, store.Query(new SessionQuery { PageSize = 10 }).Sessions.Single(m => m.SessionId == "copied").ItemCount);
        Assert.Equal(["copied"], store.Search("narwhal").Hits.Select(h => h.Session.SessionId));
    }

    [Fact]
    public async Task LibraryWriterWithoutTheIndex_AppendingInPlace_IsSeenByTheNextSearch()
    {
        FileSessionStore store = Indexed();
        store.Save(new StoredSession("talk", ["hello"], 1, 1));
        store.Save(new StoredSession("other", ["unrelated"], 1, 1));
        Assert.Empty(store.Search("platypus").Hits);

        // Another process, with no index configured, appends in place (the directory's entries do not change).
        ProcessRunner.Result result = await ProcessRunner.WaitAsync(ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["append", StorePath, "talk", "a platypus appeared"]), TimeSpan.FromMinutes(2));
        Assert.Equal(0, result.ExitCode);

        SessionSearchHit hit = Assert.Single(store.Search("platypus").Hits);
        Assert.Equal(("talk", 1), (hit.Session.SessionId, hit.ItemIndex));
        Assert.Equal(2, store.GetMetadata("talk")!.ItemCount);
    }

    [Fact]
    public async Task KilledBetweenTheFileWriteAndTheIndexUpdate_TheNextQueryIsRight()
    {
        FileSessionStore store = Indexed();
        store.Save(new StoredSession("before", ["earlier"], 1, 1));
        _ = store.Query(new SessionQuery());

        using Process child = ProcessRunner.StartDotNetApp("SessionStore.TestWorker", ["index-crash", StorePath, "crashed", "an orphaned axolotl"]);
        string? line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (line != "written")
        {
            child.Kill();
            Assert.Fail($"the child said '{line}': {await child.StandardError.ReadToEndAsync()}");
        }

        child.Kill(); // SIGKILL: the file is written, its index update never happened.
        await child.WaitForExitAsync();

        Assert.Equal(["before", "crashed"], Ids(store.Query(new SessionQuery { Order = SessionQueryOrder.Id })));
        Assert.Equal(["crashed"], store.Search("axolotl").Hits.Select(h => h.Session.SessionId));
        Assert.Equal(["before", "crashed"], Ids(Indexed().Query(new SessionQuery { Order = SessionQueryOrder.Id })));
    }

    [Fact]
    public void CorruptForeignVersionAndDeletedIndexFiles_AreRebuilt_AndCallerMetadataIsKept()
    {
        FileSessionStore first = Indexed();
        first.Save(new StoredSession("a", ["alpha words"], 1, 1));
        first.Save(new StoredSession("b", ["beta words"], 1, 1));
        first.UpdateMetadata("a", new SessionMetadataChange { Title = "Custom", AddTags = ["keep"], Owner = "alice" });
        string db = Path.Join(StorePath, ".index", "catalog.db");

        void Check(FileSessionStore store)
        {
            Assert.Equal(["a", "b"], Ids(store.Query(new SessionQuery { Order = SessionQueryOrder.Id })));
            Assert.Equal(["a"], Ids(store.Query(new SessionQuery { Tags = ["keep"], Owner = "alice" })));
            Assert.Equal("Custom", store.GetMetadata("a")!.Title);
            Assert.Equal(["b"], store.Search("beta").Hits.Select(h => h.Session.SessionId));
        }

        Check(first);
        foreach (string suffix in (string[])["-wal", "-shm", ""])
        {
            File.Delete(db + suffix);
        }

        Check(Indexed());
        File.WriteAllText(db, new string('x', 8192));
        foreach (string suffix in (string[])["-wal", "-shm"])
        {
            File.Delete(db + suffix);
        }

        Check(Indexed());
        using (var raw = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            raw.Open();
            using Microsoft.Data.Sqlite.SqliteCommand command = raw.CreateCommand();
            command.CommandText = "UPDATE info SET value = '999' WHERE key = 'schema'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        Check(Indexed());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Join(StorePath, ".index")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(db));
    }

    [Fact]
    public void SymlinkedIndexDirectory_IsRefused_WritesStand_AndNothingIsWrittenOutside()
    {
        Directory.CreateDirectory(StorePath);
        string outside = _temp.Combine("outside");
        Directory.CreateDirectory(outside);
        File.CreateSymbolicLink(Path.Join(StorePath, ".index"), outside);
        FileSessionStore store = Indexed();

        store.Save(new StoredSession("safe", ["written anyway"], 1, 1)); // The write is acknowledged; its index is not there.
        Assert.Equal(["written anyway"], store.Load("safe").Messages);
        SessionStorageException error = Assert.Throws<SessionStorageException>(() => store.Query(new SessionQuery()));
        Assert.Contains(".index", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
    }

    [Fact]
    public void CallerMetadata_GoesWithTheSession_ToTheTrashAndBack_AndIsRemovedWithIt()
    {
        FileSessionStore store = Indexed();
        store.Save(new StoredSession("t", ["trash me"], 1, 1));
        store.UpdateMetadata("t", new SessionMetadataChange { Title = "Titled", AddTags = ["x"] });
        Assert.True(store.MoveToTrash("t"));
        Assert.Null(store.GetMetadata("t"));
        store.Save(new StoredSession("t", ["a new one meanwhile"], 1, 1));
        Assert.Equal(("a new one meanwhile", 0), (store.GetMetadata("t")!.Title, store.GetMetadata("t")!.Tags.Count));
        Assert.True(store.Delete("t"));
        store.Restore("t");
        Assert.Equal(("Titled", "x"), (store.GetMetadata("t")!.Title, store.GetMetadata("t")!.Tags.Single()));
        Assert.True(store.Delete("t"));
        Assert.False(File.Exists(Path.Join(StorePath, ".meta", "t.json")));
        Assert.Empty(new FileSessionStore(StorePath).Check().Problems);
    }

    [Fact]
    public void WithoutAnIndex_TheCatalogMembersSayWhichPackageToAdd()
    {
        var store = new FileSessionStore(StorePath);
        SessionCatalogUnavailableException error = Assert.Throws<SessionCatalogUnavailableException>(() => store.Query(new SessionQuery()));
        Assert.Contains("SessionStore.Index", error.Message, StringComparison.Ordinal);
    }

    private FileSessionStore Indexed() => new(StorePath, new FileSessionStoreOptions { Durable = false, Index = new SqliteSessionIndexProvider() });

    private static List<string> Ids(SessionQueryPage page) => [.. page.Sessions.Select(m => m.SessionId)];

    private static async Task Run(string file, params string[] arguments)
    {
        ProcessRunner.Result result = await ProcessRunner.RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{file} failed: {result.StandardError}");
    }
}

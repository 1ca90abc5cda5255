using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>The async twins behave like their sync members; options are validated and copied.</summary>
public sealed class AsyncAndOptionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AsyncTwins_FollowTheSameContract()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        Assert.Null(await store.TryLoadAsync("s"));
        Assert.False(await store.ExistsAsync("s"));
        Assert.False(await store.DeleteAsync("s"));
        await Assert.ThrowsAsync<SessionNotFoundException>(() => store.LoadAsync("s").AsTask());

        await store.SaveAsync(Sessions.Make("s"));
        Assert.True(await store.ExistsAsync("s"));
        Assert.Equal(Sessions.Make("s"), await store.TryLoadAsync("s"));
        Assert.Equal(["s"], await store.ListAsync());
        Assert.True(await store.DeleteAsync("s"));
        Assert.False(await store.DeleteAsync("s"));

        string stuck = Path.Combine(store.DirectoryPath, "stuck.json");
        Directory.CreateDirectory(Path.Combine(stuck, "child"));
        var error = await Assert.ThrowsAsync<SessionDeleteException>(() => store.DeleteAsync("stuck").AsTask());
        Assert.Equal(stuck, error.Path);
    }

    [Fact]
    public async Task CheckForkAndForeignEntries_HaveAsyncTwins_ThatAgree()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(Sessions.Make("s"));
        Assert.Equal(_temp.Combine("store", "copy.json"), await store.ForkAsync("s", "copy"));
        await Assert.ThrowsAsync<SessionConflictException>(() => store.ForkAsync("s", "copy").AsTask());
        File.WriteAllText(_temp.Combine("store", "bad.json"), "{");
        File.WriteAllText(_temp.Combine("store", "notes.txt"), "mine");

        Assert.Equal(store.FindForeignEntries(), await store.FindForeignEntriesAsync());
        StoreCheckResult found = await store.CheckAsync();
        Assert.Equal(store.Check().Problems, found.Problems);
        Assert.Contains(found.Problems, p => p.Kind == StoreProblemKind.CorruptSession && p.SessionId == "bad" && !p.Repaired);

        StoreCheckResult repaired = await store.CheckAsync(repair: true);
        Assert.Contains(repaired.Problems, p => p.Kind == StoreProblemKind.CorruptSession && p.SessionId == "bad" && p.Repaired);
        Assert.Equal(["copy", "s"], store.List());
    }

    [Fact]
    public async Task Writers_FailTyped_SyncAndAsync_NamingTheOperation()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(Sessions.Make("s"));
        Directory.Delete(_temp.Combine("store", ".locks"), recursive: true);
        File.WriteAllText(_temp.Combine("store", ".locks"), "not a directory");

        var calls = new (SessionOperation Operation, Action Sync, Func<Task> Async)[]
        {
            (SessionOperation.Save, () => store.Save(Sessions.Make("s")), () => store.SaveAsync(Sessions.Make("s")).AsTask()),
            (SessionOperation.Update, () => store.Update("s", s => s!), () => store.UpdateAsync("s", s => s!).AsTask()),
            (SessionOperation.Append, () => store.Append("s", ["more"], 0, 0), () => store.AppendAsync("s", ["more"], 0, 0).AsTask()),
            (SessionOperation.MoveToTrash, () => store.MoveToTrash("s"), () => store.MoveToTrashAsync("s").AsTask()),
        };
        foreach ((SessionOperation operation, Action sync, Func<Task> async) in calls)
        {
            foreach (Exception? error in new[] { Record.Exception(sync), await Record.ExceptionAsync(async) })
            {
                var typed = Assert.IsType<SessionStorageException>(error);
                Assert.Equal((operation, "s", SessionLocation.File(_temp.Combine("store", "s.json"))), (typed.Operation, typed.SessionId, typed.Location));
                Assert.Equal(typed.Location.Name, typed.Path);
            }
        }

        Assert.Equal(Sessions.Make("s"), store.Load("s"));
    }

    [Fact]
    public async Task AsyncTwins_ObserveCancellation()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(Sessions.Make("s"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.LoadAsync("s", cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ExistsAsync("s", cancelled.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.DeleteAsync("s", cancelled.Token).AsTask());
        Assert.True(store.Exists("s"));
    }

    [Fact]
    public void DefaultStore_UsesPortSessionsInTheCurrentDirectory()
    {
        Assert.Equal(".port_sessions", FileSessionStore.DefaultDirectory);
        Assert.Equal(Path.GetFullPath(".port_sessions"), new FileSessionStore().DirectoryPath);
    }

    [Fact]
    public void Options_AreValidated_AndCopiedAtConstruction()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSessionStoreOptions { MaxSessionBytes = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSessionStoreOptions { MaxSessionBytes = long.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FileSessionStoreOptions { LeftoverFileAge = TimeSpan.FromSeconds(-1) });
        Assert.True(new FileSessionStoreOptions().Durable);

        var options = new FileSessionStoreOptions { MaxSessionBytes = 100_000 };
        var store = new FileSessionStore(_temp.Combine("store"), options);
        options.MaxSessionBytes = 10;
        store.Save(Sessions.Make("s"));
        Assert.Equal(Sessions.Make("s"), store.Load("s"));
    }

    [Fact]
    public void Constructors_RefuseMissingArguments()
    {
        Assert.Throws<ArgumentNullException>(() => new FileSessionStore(null!));
        Assert.Throws<ArgumentException>(() => new FileSessionStore(""));
        Assert.Throws<ArgumentNullException>(() => new FileSessionStore("x", null!));
    }
}

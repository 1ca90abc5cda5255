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

using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>Every member refuses every invalid id with InvalidSessionIdException, before any file system access.</summary>
public sealed class HostileIdTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string?> HostileIds() => new(
        null, "", " ", ".", "..", "../x", "../../etc/passwd", "..\\x", "a/b", "a\\b", "/abs", "C:\\x", "C:x",
        "x\0y", "\0", ".hidden", "trailing.", ".both.", "a b", "a\tb", "a\nb", "a\rb", "é", "日本", "emoji😀",
        new string('a', SessionIdRules.MaxLength + 1), "x:y", "x*y", "x?y", "x|y", "x<y", "x>y", "\"q\"", "~", "$HOME",
        "a;b", "%2e%2e", "a/../b", "CON", "con", "Prn", "aux.json", "NUL.txt", "nul.", "COM1", "com9.x", "LPT1", "lpt9.anything",
        "a\u200Bb", "ａ", "x\u0085y");

    public static TheoryData<string> ValidIds() => new(
        "a", "Z", "0", "_", "-", "a.b", "a..b", "session-2026_11.v2", new string('x', SessionIdRules.MaxLength),
        "CONSOLE", "COM10", "COM0", "LPT", "con_", "aux-1", "NULL", "-.-");

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task EveryMember_RefusesTheId_AndCreatesNothing(string? id)
    {
        string storeDirectory = _temp.Combine("store");
        var store = new FileSessionStore(storeDirectory);

        AssertRefused(id, () => store.Save(new StoredSession(id!, ["m"], 1, 1)));
        AssertRefused(id, () => store.Load(id!));
        AssertRefused(id, () => store.TryLoad(id!, out _));
        AssertRefused(id, () => store.Exists(id!));
        AssertRefused(id, () => _ = store.Delete(id!));
        await AssertRefusedAsync(id, () => store.SaveAsync(new StoredSession(id!, ["m"], 1, 1)).AsTask());
        await AssertRefusedAsync(id, () => store.LoadAsync(id!).AsTask());
        await AssertRefusedAsync(id, () => store.TryLoadAsync(id!).AsTask());
        await AssertRefusedAsync(id, () => store.ExistsAsync(id!).AsTask());
        await AssertRefusedAsync(id, () => store.DeleteAsync(id!).AsTask());

        Assert.Empty(_temp.Snapshot());
        Assert.False(SessionIdRules.IsValid(id));
        Assert.NotNull(SessionIdRules.GetViolation(id));
    }

    [Theory]
    [MemberData(nameof(HostileIds))]
    public void Refusal_InAnExistingDirectory_TouchesNoFile(string? id)
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(Sessions.Make("keep"));
        File.WriteAllText(_temp.Combine("outside.json"), "{}");
        string[] before = _temp.Snapshot();

        Assert.Throws<InvalidSessionIdException>(() => store.Delete(id!));
        Assert.Throws<InvalidSessionIdException>(() => store.Save(new StoredSession(id!, [], 0, 0)));

        Assert.Equal(before, _temp.Snapshot());
        Assert.Equal("{}", File.ReadAllText(_temp.Combine("outside.json")));
    }

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void ValidIds_RoundTrip(string id)
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        StoredSession session = Sessions.Make(id);
        store.Save(session);
        Assert.True(SessionIdRules.IsValid(id));
        Assert.Null(SessionIdRules.GetViolation(id));
        Assert.Equal(session, store.Load(id));
        Assert.Contains(id, store.List());
        Assert.True(store.Delete(id));
    }

    [Fact]
    public void Exception_NamesTheIdAndTheRule()
    {
        var store = new FileSessionStore(_temp.Combine("store"));
#pragma warning disable SS0003 // The point of this test: the runtime refuses what the analyzer flags.
        var error = Assert.Throws<InvalidSessionIdException>(() => store.Load("../etc"));
#pragma warning restore SS0003
        Assert.Equal("../etc", error.SessionId);
        Assert.Equal("id", error.ParamName);
        Assert.Contains("'../etc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'/'", error.Message, StringComparison.Ordinal);
    }

    private static void AssertRefused(string? id, Action action)
    {
        var error = Assert.Throws<InvalidSessionIdException>(action);
        Assert.Equal(id, error.SessionId);
    }

    private static async Task AssertRefusedAsync(string? id, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<InvalidSessionIdException>(action);
        Assert.Equal(id, error.SessionId);
    }
}

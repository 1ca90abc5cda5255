using System.Text;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>Limits enforced where data enters, and text a save removes gone from the directory.</summary>
public sealed class LimitsAndPrivacyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Save_Update_AndAppend_RefuseASessionOverTheLimit_BeforeWriting()
    {
        var store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 2048 });
        var error = Assert.Throws<SessionTooLargeException>(() => store.Save(Sessions.WithMessages("big", 100)));
        Assert.Equal("big", error.SessionId);
        Assert.False(store.Exists("big"));

        store.Save(Sessions.Make("s", "small"));
        byte[] before = File.ReadAllBytes(Path.Combine(store.DirectoryPath, "s.json"));
        Assert.Throws<SessionTooLargeException>(() => store.Update("s", s => s! with { Messages = [.. s.Messages, new string('u', 4000)] }));
        Assert.Throws<SessionTooLargeException>(() => store.Append("s", [new string('a', 4000)], 0, 0));
        for (int i = 0; i < 100; i++)
        {
            try
            {
                store.Append("s", [new string('a', 100)], 0, 0);
            }
            catch (SessionTooLargeException)
            {
                break;
            }
        }

        Assert.True(new FileInfo(Path.Combine(store.DirectoryPath, "s.json")).Length <= 2048);
        Assert.Empty(store.Check().Problems);
        Assert.NotEqual(before, File.ReadAllBytes(Path.Combine(store.DirectoryPath, "s.json")));
    }

    [Fact]
    public void AnAppendWhoseTotalsWouldOverflow_IsRefused_AndTheSessionStaysLoadable()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("s", ["a"], long.MaxValue - 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Append("s", ["b"], 2, 0));
        Assert.Equal(new StoredSession("s", ["a"], long.MaxValue - 1, 0), store.Load("s"));
        store.Append("s", ["b"], 1, 0);
        Assert.Equal(long.MaxValue, store.Load("s").InputTokens);
    }

    [Fact]
    public void TextRemovedByASaveOrUpdate_IsGoneFromTheDirectory()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(Sessions.Make("s", "hello"));
        store.Append("s", ["my card is 4111-SECRET"], 0, 0);
        store.Append("s", ["more SECRET"], 0, 0);

        store.Update("s", s => s! with { Messages = [.. s.Messages.Where(m => !m.Contains("SECRET", StringComparison.Ordinal))] });

        foreach (string file in Directory.EnumerateFiles(store.DirectoryPath, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("SECRET", Encoding.Latin1.GetString(File.ReadAllBytes(file)), StringComparison.Ordinal);
        }
    }
}

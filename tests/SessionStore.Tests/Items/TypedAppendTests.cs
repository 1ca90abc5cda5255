using System.Text;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Items;

/// <summary>Typed appends on the directory store: in place in the store's layout, whole once otherwise, every limit before writing.</summary>
public sealed class TypedAppendTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore<Conversation> _store;

    public TypedAppendTests() => _store = Store();

    public void Dispose() => _temp.Dispose();

    private string FileOf(string id) => Path.Combine(_store.DirectoryPath, id + ".json");

    private FileSessionStore<Conversation> Store(long maxBytes = 16 * 1024 * 1024) =>
        new(_temp.Combine("store"), Conversation.Descriptor, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = maxBytes });

    private static ulong Posix(string path) => SessionStore.Storage.Posix.TryStatEntry(path, out var status, out _) ? status.Ino : 0;

    private static Turn T(int i, string text = "") => new(i % 2 == 0 ? "user" : "assistant", "t" + i + text, i);

    [Fact]
    public void Appends_create_the_session_then_extend_the_same_file_in_place()
    {
        _store.Append("c", [T(0)]);
        ulong inode = Posix(FileOf("c"));
        for (int i = 1; i < 20; i++)
        {
            _store.Append("c", [T(i), T(100 + i)]);
            TestPlatform.AssertAppendedInPlace(inode, Posix(FileOf("c")));
            inode = Posix(FileOf("c"));
        }

        Conversation loaded = _store.Load("c");
        Assert.Equal(39, loaded.Turns.Count);
        Assert.Equal(Enumerable.Range(1, 19).Sum(i => i + 100 + i), loaded.Tokens);
        Assert.Equal("t0", loaded.Turns[0].Text);
        Assert.Equal("t119", loaded.Turns[^1].Text);
        Assert.EndsWith("\n],\"id\":\"c\",\"tokens\":" + loaded.Tokens + ",\"title\":\"\",\"meta\":null}", File.ReadAllText(FileOf("c")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_another_layout_is_rewritten_once_then_appended_in_place()
    {
        Directory.CreateDirectory(_store.DirectoryPath);
        File.WriteAllText(FileOf("old"), """
            {
              "turns": [ { "Role": "user", "Text": "hello ]", "Tokens": 2 } ],
              "tokens": 2,
              "id": "old",
              "tags": [ "x" ]
            }
            """);
        ulong foreign = Posix(FileOf("old"));
        _store.Append("old", [T(1)]);
        ulong rewritten = Posix(FileOf("old"));
        Assert.NotEqual(foreign, rewritten);
        _store.Append("old", [T(2)]);
        TestPlatform.AssertAppendedInPlace(rewritten, Posix(FileOf("old")));
        Conversation loaded = _store.Load("old");
        Assert.Equal(["hello ]", "t1", "t2"], loaded.Turns.Select(t => t.Text));
        Assert.Equal(["x"], loaded.Tags);
        Assert.Equal(5, loaded.Tokens);
    }

    [Theory]
    [InlineData("]")]
    [InlineData("\"]")]
    [InlineData("\\")]
    [InlineData("\\\"],\"tokens\":9}")]
    [InlineData("{[\"\\\\\"]}")]
    [InlineData("é \u2028 \U0001F600")]
    public void Strings_that_look_like_json_never_move_the_tail(string text)
    {
        _store.Save(new Conversation("s") { Title = text, Tags = [text], Meta = new() { [text] = [text, "]"] }, Turns = [new("user", text, 1)], Tokens = 1 });
        for (int i = 0; i < 5; i++)
        {
            _store.Append("s", [new Turn("user", text + i, 1)]);
        }

        Conversation loaded = _store.Load("s");
        Assert.Equal(6, loaded.Turns.Count);
        Assert.Equal(text + "4", loaded.Turns[^1].Text);
        Assert.Equal(6, loaded.Tokens);
        Assert.Equal(text, loaded.Title);
        Assert.Equal([text, "]"], loaded.Meta![text]);
    }

    [Fact]
    public void Another_instance_appending_between_two_appends_is_seen()
    {
        FileSessionStore<Conversation> other = Store();
        for (int i = 0; i < 10; i++)
        {
            (i % 2 == 0 ? _store : other).Append("shared", [T(i)]);
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => "t" + i), _store.Load("shared").Turns.Select(t => t.Text));
    }

    [Fact]
    public void Limits_and_invalid_items_fail_before_anything_is_written()
    {
        FileSessionStore<Conversation> small = Store(maxBytes: 600);
        small.Append("l", [T(1)]);
        byte[] before = File.ReadAllBytes(FileOf("l"));
        Assert.Throws<SessionTooLargeException>(() => small.Append("l", [T(2, new string('x', 600))]));
        Assert.Throws<OverflowException>(() => small.Append("l", [new Turn("user", "big", long.MaxValue)]));
        Assert.Throws<ArgumentException>(() => small.Append("l", [new Turn("", "no role", 1)]));
        Assert.Throws<ArgumentException>(() => small.Append<Turn>("l", [T(3), null!]));
        Assert.Throws<InvalidOperationException>(() => small.Append("l", ["a string is not a turn"]));
        Assert.Equal(before, File.ReadAllBytes(FileOf("l")));
        Assert.Single(small.Load("l").Turns);
    }

    [Fact]
    public void A_store_whose_type_declares_no_list_refuses_typed_appends()
    {
        var plain = new FileSessionStore<Conversation>(_temp.Combine("plain"), ConversationJsonContext.Default.Conversation, static c => c.Id);
        Assert.Throws<InvalidOperationException>(() => plain.Append("p", [T(1)]));
    }

    [Fact]
    public async Task Readers_in_another_thread_always_see_whole_sessions_that_only_grow()
    {
        _store.Append("r", [T(0)]);
        using var done = new CancellationTokenSource();
        Task<int> reader = Task.Run(() =>
        {
            int last = 0, reads = 0;
            var store = Store();
            while (!done.IsCancellationRequested || reads == 0)
            {
                Conversation seen = store.Load("r");
                Assert.True(seen.Turns.Count >= last);
                Assert.Equal(seen.Turns.Sum(t => t.Tokens), seen.Tokens);
                last = seen.Turns.Count;
                reads++;
            }

            return last;
        });
        for (int i = 1; i < 300; i++)
        {
            await _store.AppendAsync("r", [T(i)]);
        }

        await done.CancelAsync();
        Assert.InRange(await reader, 1, 300);
        Assert.Equal(300, _store.Load("r").Turns.Count);
    }
}

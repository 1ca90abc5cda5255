using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Generated;

/// <summary>[SessionItems] end to end: the generator declares the list on the Descriptor and the store appends to it.</summary>
public sealed class GeneratedAppendTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_generated_store_appends_to_its_declared_list_with_its_totals_method()
    {
        var store = new TurnChatStore(_temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
        Assert.True(store.CanAppend<ChatTurn>());
        Assert.Equal("turns", TurnChatStore.Descriptor.Items!.JsonName);
        Assert.Throws<SessionNotFoundException>(() => store.Append("c", [new ChatTurn("user", "hi")]));

        store.Save(new TurnChat("c", [], 0));
        for (int i = 0; i < 5; i++)
        {
            store.Append("c", [new ChatTurn("user", "q" + i), new ChatTurn("assistant", "answer " + i)]);
        }

        TurnChat loaded = store.Load("c");
        Assert.Equal(10, loaded.Turns.Count);
        Assert.Equal(5 * ("q0".Length + "answer 0".Length), loaded.Tokens);
        string json = File.ReadAllText(Path.Combine(store.DirectoryPath, "c.json"));
        Assert.StartsWith("{\"schema_version\":2,\"turns\":[\n", json, StringComparison.Ordinal);
        Assert.EndsWith("\n],\"id\":\"c\",\"tokens\":" + loaded.Tokens + "}", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_1_file_is_migrated_and_rewritten_once_then_appended_in_place()
    {
        var store = new TurnChatStore(_temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
        Directory.CreateDirectory(store.DirectoryPath);
        File.WriteAllText(Path.Combine(store.DirectoryPath, "old.json"), """{"schema_version": 1, "id": "old", "turns": [{"role": "user", "text": "hello"}]}""");

        store.Append("old", [new ChatTurn("assistant", "hi")]);
        // In place keeps the file (its inode); a rewrite would rename a new file over it. The directory's mtime is no
        // witness: an in-place append touches it, so that an index notices (docs/scaling.md).
        string inode = await InodeOf(Path.Combine(store.DirectoryPath, "old.json"));
        store.Append("old", [new ChatTurn("user", "again")]);

        string after = await InodeOf(Path.Combine(store.DirectoryPath, "old.json"));
        if (TestPlatform.IsPortable)
        {
            // The difference: the portable platform rewrites the file whole on every append (a new file renamed over it).
            Assert.NotEqual(inode, after);
        }
        else
        {
            Assert.Equal(inode, after);
        }
        TurnChat loaded = store.Load("old");
        Assert.Equal(["hello", "hi", "again"], loaded.Turns.Select(t => t.Text));
        Assert.Equal("hi".Length + "again".Length, loaded.Tokens);
    }

    private static Task<string> InodeOf(string path) => Inode.Of(path);
}

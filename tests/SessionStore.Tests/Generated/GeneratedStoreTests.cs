using System.Text;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Generated;

/// <summary>Stores the generator wrote, used for real: sessions on disk, migrations on load, newer files refused.</summary>
public sealed class GeneratedStoreTests : IDisposable
{
    private static readonly ChatSession Sample = new(
        "chat-1", [new ChatTurn("user", "hi"), new ChatTurn("assistant", "héllo 😀")], new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void GeneratedStore_IsAFileStore_WithTheFileSessionStoreConstructors()
    {
        FileSessionStore<ChatSession> store = new ChatStore(_temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
        Assert.Equal(_temp.Combine("chats"), store.DirectoryPath);
        Assert.Equal(Path.GetFullPath(".port_sessions"), new ChatStore().DirectoryPath);
        Assert.Equal(_temp.Combine("x"), new ChatStore(_temp.Combine("x")).DirectoryPath);
        Assert.Equal(3, ChatStore.Schema.CurrentVersion);
    }

    [Fact]
    public async Task GeneratedStore_RoundTripsARealSessionOnDisk()
    {
        var store = new ChatStore(_temp.Combine("chats"));
        string path = store.Save(Sample);

        Assert.Equal(Path.Combine(store.DirectoryPath, "chat-1.json"), path);
        string text = File.ReadAllText(path);
        Assert.StartsWith("{\n  \"schema_version\": 3,\n  \"id\": \"chat-1\",", text, StringComparison.Ordinal);
        Assert.Equal(Sample, store.Load("chat-1"));
        Assert.Equal(Sample, await store.LoadAsync("chat-1"));
        Assert.Equal(["chat-1"], store.List());
        Assert.True(store.Delete("chat-1"));
        Assert.False(store.Delete("chat-1"));
    }

    [Fact]
    public void GeneratedStore_RefusesAnInvalidId_BeforeAnyIo()
    {
        var store = new ChatStore(_temp.Combine("chats"));
#pragma warning disable SS0003 // an id that can never be valid: the run-time refusal is what is tested
        Assert.Throws<InvalidSessionIdException>(() => store.Save(Sample with { Id = "../escape" }));
#pragma warning restore SS0003
        Assert.Empty(_temp.Snapshot());
    }

    [Fact]
    public void AVersion1FileWrittenByHand_IsMigratedToVersion3OnLoad_AndLeftAsItWas()
    {
        var store = new ChatStore(_temp.Combine("chats"));
        Directory.CreateDirectory(store.DirectoryPath);
        string path = Path.Combine(store.DirectoryPath, "old.json");
        const string Version1 = """{ "id": "old", "messages": ["hi", "hello there", "bye"] }""";
        File.WriteAllText(path, Version1);

        ChatSession migrated = store.Load("old");

        Assert.Equal(
            new ChatSession("old", [new("user", "hi"), new("assistant", "hello there"), new("user", "bye")], DateTimeOffset.UnixEpoch),
            migrated);
        Assert.Equal(Version1, File.ReadAllText(path));

        store.Save(migrated);
        Assert.StartsWith("{\n  \"schema_version\": 3,", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.Equal(migrated, store.Load("old"));
    }

    [Fact]
    public void AVersion2File_RunsOnlyTheLastStep()
    {
        var store = new ChatStore(_temp.Combine("chats"));
        Directory.CreateDirectory(store.DirectoryPath);
        File.WriteAllText(Path.Combine(store.DirectoryPath, "v2.json"),
            """{ "turns": [ { "role": "user", "text": "x" } ], "id": "v2", "schema_version": 2 }""");

        Assert.Equal(new ChatSession("v2", [new("user", "x")], DateTimeOffset.UnixEpoch), store.Load("v2"));
    }

    [Fact]
    public void ANewerFile_IsRefusedOnLoadAndNeverOverwritten()
    {
        var store = new ChatStore(_temp.Combine("chats"));
        Directory.CreateDirectory(store.DirectoryPath);
        string path = Path.Combine(store.DirectoryPath, "chat-1.json");
        const string Version4 = "{\n  \"schema_version\": 4,\n  \"id\": \"chat-1\",\n  \"future\": true\n}";
        File.WriteAllText(path, Version4);

        var loadError = Assert.Throws<SessionSchemaVersionException>(() => store.Load("chat-1"));
        Assert.Equal((4, 3, "chat-1", path), (loadError.FileVersion, loadError.SupportedVersion, loadError.SessionId, loadError.Path));
        var saveError = Assert.Throws<SessionSchemaVersionException>(() => store.Save(Sample));
        Assert.Equal(4, saveError.FileVersion);
        Assert.Equal(Version4, File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(store.DirectoryPath));
    }

    [Fact]
    public void AnOverwritingImport_RefusesAStoredFileOfANewerSchema_BeforeItWritesAnything()
    {
        var store = new ChatStore(_temp.Combine("chats"), new FileSessionStoreOptions { Durable = false });
        store.Save(Sample with { Id = "a" });
        string a = File.ReadAllText(Path.Combine(store.DirectoryPath, "a.json"));
        string newer = Path.Combine(store.DirectoryPath, "z.json");
        const string Version4 = "{\n  \"schema_version\": 4,\n  \"id\": \"z\",\n  \"future\": true\n}";
        File.WriteAllText(newer, Version4);

        var error = Assert.Throws<SessionSchemaVersionException>(() => store.Import([Sample with { Id = "a", Turns = [] }, Sample with { Id = "b" }, Sample with { Id = "z" }], overwrite: true));

        Assert.Equal(("z", 4), (error.SessionId, error.FileVersion));
        Assert.Equal(a, File.ReadAllText(Path.Combine(store.DirectoryPath, "a.json")));
        Assert.False(store.Exists("b"));
        Assert.Equal(Version4, File.ReadAllText(newer));
    }

    [Theory]
    [InlineData("""{ "id": "bad", "schema_version": "3" }""", "schema_version")]
    [InlineData("""{ "id": "bad", "schema_version": 0 }""", "schema_version")]
    [InlineData("""{ "id": "bad", "schema_version": 1 }""", "migrating it from schema version 1 failed")]
    [InlineData("""{ "id": "bad", "schema_version": 1, "messages": [1] }""", "migrating it from schema version 1 failed")]
    [InlineData("""[ "not", "an", "object" ]""", "JSON object")]
    public void ABrokenVersionedFile_IsCorrupt(string content, string reason)
    {
        var store = new ChatStore(_temp.Combine("chats"));
        Directory.CreateDirectory(store.DirectoryPath);
        string path = Path.Combine(store.DirectoryPath, "bad.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<SessionCorruptException>(() => store.Load("bad"));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(path));
    }

    [Fact]
    public void NestedInternalVersion1Store_WritesVersion1()
    {
        var store = new Containers.InternalChatStore(_temp.Combine("nested"));
        string path = store.Save(Sample);
        Assert.StartsWith("{\n  \"schema_version\": 1,", Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
        Assert.Equal(Sample, store.Load("chat-1"));
    }
}

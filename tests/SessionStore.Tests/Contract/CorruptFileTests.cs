using System.Text;
using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Contract;

/// <summary>Every way a session's file can be wrong is a SessionCorruptException naming the id and path, and the file is left as it was.</summary>
public sealed class CorruptFileTests : IDisposable
{
    private const string Valid = "{\n  \"session_id\": \"s\",\n  \"messages\": [\"a\", \"b\"],\n  \"input_tokens\": 1,\n  \"output_tokens\": 2\n}";

    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public CorruptFileTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        Directory.CreateDirectory(_store.DirectoryPath);
    }

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, byte[]> CorruptContents()
    {
        var data = new TheoryData<string, byte[]>();
        void Add(string name, string text) => data.Add(name, Encoding.UTF8.GetBytes(text));

        data.Add("empty", []);
        Add("whitespace", "  \n\t ");
        Add("not JSON", "hello");
        Add("truncated", Valid[..(Valid.Length / 2)]);
        Add("truncated by one byte", Valid[..^1]);
        Add("JSON null", "null");
        Add("array", "[1, 2]");
        Add("string", "\"s\"");
        Add("number", "42");
        Add("trailing garbage", Valid + " x");
        Add("two objects", Valid + Valid);
        Add("input_tokens as string", Valid.Replace("\"input_tokens\": 1", "\"input_tokens\": \"1\"", StringComparison.Ordinal));
        Add("input_tokens fractional", Valid.Replace("\"input_tokens\": 1", "\"input_tokens\": 1.5", StringComparison.Ordinal));
        Add("input_tokens beyond long", Valid.Replace("\"input_tokens\": 1", "\"input_tokens\": 99999999999999999999999", StringComparison.Ordinal));
        Add("negative input_tokens", Valid.Replace("\"input_tokens\": 1", "\"input_tokens\": -1", StringComparison.Ordinal));
        Add("negative output_tokens", Valid.Replace("\"output_tokens\": 2", "\"output_tokens\": -5", StringComparison.Ordinal));
        Add("missing session_id", "{\"messages\": [], \"input_tokens\": 1, \"output_tokens\": 2}");
        Add("missing messages", "{\"session_id\": \"s\", \"input_tokens\": 1, \"output_tokens\": 2}");
        Add("missing input_tokens", "{\"session_id\": \"s\", \"messages\": [], \"output_tokens\": 2}");
        Add("missing output_tokens", "{\"session_id\": \"s\", \"messages\": [], \"input_tokens\": 1}");
        Add("null session_id", Valid.Replace("\"session_id\": \"s\"", "\"session_id\": null", StringComparison.Ordinal));
        Add("null messages", Valid.Replace("[\"a\", \"b\"]", "null", StringComparison.Ordinal));
        Add("null input_tokens", Valid.Replace("\"input_tokens\": 1", "\"input_tokens\": null", StringComparison.Ordinal));
        Add("null message", Valid.Replace("[\"a\", \"b\"]", "[\"a\", null]", StringComparison.Ordinal));
        Add("number message", Valid.Replace("[\"a\", \"b\"]", "[\"a\", 3]", StringComparison.Ordinal));
        Add("nested array message", Valid.Replace("[\"a\", \"b\"]", "[[\"a\"]]", StringComparison.Ordinal));
        Add("object message", Valid.Replace("[\"a\", \"b\"]", "[{\"role\": \"user\"}]", StringComparison.Ordinal));
        Add("messages as string", Valid.Replace("[\"a\", \"b\"]", "\"ab\"", StringComparison.Ordinal));
        Add("session_id as number", Valid.Replace("\"session_id\": \"s\"", "\"session_id\": 5", StringComparison.Ordinal));
        Add("id differs from file name", Valid.Replace("\"session_id\": \"s\"", "\"session_id\": \"other\"", StringComparison.Ordinal));
        Add("id differs only in case", Valid.Replace("\"session_id\": \"s\"", "\"session_id\": \"S\"", StringComparison.Ordinal));
        Add("deep nesting", Valid.Replace("[\"a\", \"b\"]", new string('[', 5000) + new string(']', 5000), StringComparison.Ordinal));
        Add("single quotes", Valid.Replace('"', '\''));
        Add("comment", "// hi\n" + Valid);
        Add("lone surrogate escape in a message", Valid.Replace("[\"a\", \"b\"]", "[\"a\\ud800b\"]", StringComparison.Ordinal));
        Add("trailing comma", Valid.Replace("\"b\"]", "\"b\",]", StringComparison.Ordinal));
        byte[] invalidUtf8 = Encoding.UTF8.GetBytes(Valid.Replace("\"a\"", "\"Xa\"", StringComparison.Ordinal));
        invalidUtf8[Array.IndexOf(invalidUtf8, (byte)'X')] = 0xC3;
        data.Add("invalid UTF-8 in a message", invalidUtf8);
        byte[] bitFlip = Encoding.UTF8.GetBytes(Valid);
        bitFlip[2] ^= 0x80;
        data.Add("bit flip in a key", bitFlip);
        return data;
    }

    [Theory]
    [MemberData(nameof(CorruptContents))]
    public async Task Load_OfACorruptFile_IsSessionCorrupt_AndLeavesTheFile(string form, byte[] content)
    {
        string path = Path.Combine(_store.DirectoryPath, "s.json");
        File.WriteAllBytes(path, content);

        AssertCorrupt(path, () => _store.Load("s"), form);
        AssertCorrupt(path, () => _store.TryLoad("s", out _), form);
        var asyncError = await Assert.ThrowsAsync<SessionCorruptException>(() => _store.LoadAsync("s").AsTask());
        Assert.Equal(path, asyncError.Path);
        await Assert.ThrowsAsync<SessionCorruptException>(() => _store.TryLoadAsync("s").AsTask());
        Assert.Equal(path, Assert.Throws<SessionCorruptException>(() => _store.Summarize("s")).Path);

        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.True(_store.Exists("s"));
        Assert.Equal(["s"], _store.List());
    }

    [Fact]
    public void Load_OfAFileLargerThanTheLimit_IsSessionCorrupt()
    {
        var store = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 1024 });
        _store.Save(Sessions.WithMessages("big", 100));
        string path = Path.Combine(store.DirectoryPath, "big.json");
        byte[] before = File.ReadAllBytes(path);
        Assert.True(before.Length > 1024);

        var error = AssertCorrupt(path, () => store.Load("big"), "too large");
        Assert.Contains("MaxSessionBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(Sessions.WithMessages("big", 100), _store.Load("big"));
    }

    [Fact]
    public void Load_OfAFileExactlyAtTheLimit_Succeeds()
    {
        string path = _store.Save(Sessions.Make("edge"));
        long size = new FileInfo(path).Length;
        var store = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { MaxSessionBytes = size });
        Assert.Equal(Sessions.Make("edge"), store.Load("edge"));
    }

    [Fact]
    public void Load_OfADirectoryInThePlaceOfTheFile_IsSessionCorrupt()
    {
        string path = Path.Combine(_store.DirectoryPath, "s.json");
        Directory.CreateDirectory(path);

        var error = AssertCorrupt(path, () => _store.Load("s"), "directory");
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(path));
        Assert.False(_store.Exists("s"));
        Assert.Empty(_store.List());
    }

    [Fact]
    public void Load_OfAFileWithAUtf8Bom_Succeeds()
    {
        File.WriteAllBytes(Path.Combine(_store.DirectoryPath, "s.json"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)]);
        Assert.Equal(new StoredSession("s", ["a", "b"], 1, 2), _store.Load("s"));
    }

    [Fact]
    public void Load_ToleratesUnknownProperties()
    {
        string withExtras = Valid.Replace("{", "{\"format_version\": 2, \"extra\": {\"nested\": [1, {\"x\": null}]},", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(_store.DirectoryPath, "s.json"), withExtras);
        Assert.Equal(new StoredSession("s", ["a", "b"], 1, 2), _store.Load("s"));
    }

    [Fact]
    public void CorruptException_CarriesTheParseError()
    {
        string path = Path.Combine(_store.DirectoryPath, "s.json");
        File.WriteAllText(path, "{\"session_id\": ");
        var error = Assert.Throws<SessionCorruptException>(() => _store.Load("s"));
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.IsAssignableFrom<IOException>(error);
    }

    private static SessionCorruptException AssertCorrupt(string path, Action action, string form)
    {
        var error = Assert.Throws<SessionCorruptException>(action);
        Assert.True(error.SessionId == Path.GetFileNameWithoutExtension(path), form);
        Assert.Equal(path, error.Path);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason), form);
        return error;
    }
}

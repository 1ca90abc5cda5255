using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Interop;

/// <summary>The Python reference and this store read and delete each other's files, in real python3 processes.</summary>
public sealed class PythonInteropTests : IDisposable
{
    private static readonly StoredSession[] Samples =
    [
        new("plain", ["hello", "world"], 12, 34),
        new("empty", [], 0, 0),
        new("unicode", ["héllo", "日本語のテキスト", "emoji 😀🎉", "RTL שלום", "combining e\u0301"], 1, 2),
        new("escapes", ["quote \" backslash \\ slash /", "newline\nreturn\rtab\t", "control \u0001\u001f", "<script>&amp;</script>", "nul \0 inside"], 5, 6),
        new("big-counts", ["x"], long.MaxValue, 9_007_199_254_740_993),
        new("a.b-c_D", [new string('z', 100_000)], 7, 8),
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SessionsThePythonModuleWrote_LoadEqual()
    {
        string directory = _temp.Combine("py");
        await PythonReference.RunAsync(
            """
            for s in args["sessions"]:
                save_session(StoredSession(s["session_id"], tuple(s["messages"]), s["input_tokens"], s["output_tokens"]), Path(args["dir"]))
            """,
            ArgsJson(directory, Samples));

        var store = new FileSessionStore(directory);
        Assert.Equal(Samples.Select(s => s.SessionId).Order(StringComparer.Ordinal), store.List());
        foreach (StoredSession expected in Samples)
        {
            Assert.Equal(expected, store.Load(expected.SessionId));
        }
    }

    [Fact]
    public async Task SessionsThisStoreWrote_LoadEqualInPython_AndPythonDeletesThem()
    {
        var store = new FileSessionStore(_temp.Combine("cs"));
        foreach (StoredSession session in Samples)
        {
            store.Save(session);
        }

        // A save in flight (a temp file) must be invisible to the reference too.
        File.WriteAllText(Path.Combine(store.DirectoryPath, ".plain.0123456789abcdef.tmp"), "{");

        string output = await PythonReference.RunAsync(
            """
            d = Path(args["dir"])
            out = {"list": list_sessions(d), "sessions": []}
            for sid in list_sessions(d):
                s = load_session(sid, d)
                out["sessions"].append({"session_id": s.session_id, "messages": list(s.messages), "input_tokens": s.input_tokens, "output_tokens": s.output_tokens})
            out["deleted"] = [delete_session(sid, d) for sid in list_sessions(d)]
            out["again"] = delete_session("plain", d)
            print(json.dumps(out))
            """,
            ArgsJson(store.DirectoryPath, []));

        using JsonDocument result = JsonDocument.Parse(output);
        string[] listed = result.RootElement.GetProperty("list").Deserialize(TestJsonContext.Default.StringArray)!;
        Assert.Equal(Samples.Select(s => s.SessionId).Order(StringComparer.Ordinal), listed);
        Assert.Equal(Samples.Length, result.RootElement.GetProperty("sessions").GetArrayLength());
        List<PythonSession> loaded = result.RootElement.GetProperty("sessions").Deserialize(TestJsonContext.Default.ListPythonSession)!;
        foreach (PythonSession session in loaded)
        {
            Assert.Equal(
                Samples.Single(s => s.SessionId == session.SessionId),
                new StoredSession(session.SessionId, session.Messages, session.InputTokens, session.OutputTokens));
        }

        Assert.All(result.RootElement.GetProperty("deleted").EnumerateArray(), d => Assert.True(d.GetBoolean()));
        Assert.False(result.RootElement.GetProperty("again").GetBoolean());
        Assert.Empty(store.List());
    }

    [Fact]
    public async Task AFileThePythonModuleWrote_IsByteForByteTheSameShape()
    {
        string directory = _temp.Combine("shape");
        var session = new StoredSession("abc", ["hello", "world"], 12, 34);
        await PythonReference.RunAsync(
            """save_session(StoredSession("abc", ("hello", "world"), 12, 34), Path(args["dir"]))""",
            ArgsJson(directory, []));
        byte[] python = File.ReadAllBytes(Path.Combine(directory, "abc.json"));

        File.Delete(Path.Combine(directory, "abc.json"));
        byte[] ours = File.ReadAllBytes(Sessions.FastStore(directory).Save(session));

        Assert.Equal(python, ours);
    }

    [Fact]
    public async Task ThePythonModuleReportsMissingSessions_AsThisStoreDoes()
    {
        var store = new FileSessionStore(_temp.Combine("missing"));
        string output = await PythonReference.RunAsync(
            """
            d = Path(args["dir"])
            try:
                load_session("ghost", d)
                print("loaded")
            except SessionNotFoundError as e:
                print("not-found", isinstance(e, KeyError), session_exists("ghost", d), delete_session("ghost", d), list_sessions(d))
            """,
            ArgsJson(store.DirectoryPath, []));

        Assert.Equal("not-found True False False []", output.Trim());
        Assert.Throws<SessionNotFoundException>(() => store.Load("ghost"));
        Assert.False(store.Exists("ghost"));
        Assert.False(store.Delete("ghost"));
        Assert.Empty(store.List());
    }

    private static string ArgsJson(string directory, IEnumerable<StoredSession> sessions)
    {
        var pythonSessions = sessions.Select(s => new PythonSession(s.SessionId, [.. s.Messages], s.InputTokens, s.OutputTokens)).ToList();
        return $"{{\"dir\": {JsonSerializer.Serialize(directory, TestJsonContext.Default.String)}, \"sessions\": {JsonSerializer.Serialize(pythonSessions, TestJsonContext.Default.ListPythonSession)}}}";
    }
}

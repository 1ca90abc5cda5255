using System.Text;
using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Interop;

/// <summary>
/// For random valid sessions (all of Unicode, every escape, empty lists, large counts), the file this
/// store writes, before and after appends, is byte for byte what the Python module's save_session writes.
/// </summary>
public sealed class ByteIdentityTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RandomSessions_AreWrittenByteForByteAsThePythonModuleWritesThem()
    {
        var random = new Random(2026);
        var sessions = Enumerable.Range(0, 300).Select(i => RandomSession(random, $"s{i}")).ToList();
        var store = Sessions.FastStore(_temp.Combine("ours"));
        var appended = Sessions.FastStore(_temp.Combine("appended"));
        foreach (StoredSession session in sessions)
        {
            store.Save(session);
            int split = random.Next(0, session.Messages.Count + 1);
            appended.Save(session with { Messages = [.. session.Messages.Take(split)], InputTokens = 0, OutputTokens = 0 });
            appended.Append(session.SessionId, [.. session.Messages.Skip(split)], session.InputTokens, session.OutputTokens);
        }

        // The sessions travel to Python as JSON with every non-ASCII character escaped (surrogate pairs included).
        var json = new StringBuilder("[");
        foreach (StoredSession session in sessions)
        {
            json.Append(json.Length > 1 ? "," : "").Append("{\"id\":\"").Append(session.SessionId).Append("\",\"m\":[")
                .AppendJoin(',', session.Messages.Select(m => JsonSerializer.Serialize(m, TestJsonContext.Default.String)))
                .Append("],\"i\":").Append(session.InputTokens).Append(",\"o\":").Append(session.OutputTokens).Append('}');
        }

        json.Append(']');
        string python = _temp.Combine("python");
        await PythonReference.RunAsync(
            "[save_session(StoredSession(s['id'], tuple(s['m']), s['i'], s['o']), Path(args['dir'])) for s in args['sessions']]",
            $"{{\"dir\": {JsonSerializer.Serialize(python, TestJsonContext.Default.String)}, \"sessions\": {json}}}");

        foreach (StoredSession session in sessions)
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(python, session.SessionId + ".json"));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(store.DirectoryPath, session.SessionId + ".json")));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(appended.DirectoryPath, session.SessionId + ".json")));
        }
    }

    [Fact]
    public async Task UnderTheCLocale_ThePythonModuleReadsNonAsciiSessionsThisStoreWrote()
    {
        var store = Sessions.FastStore(_temp.Combine("store"));
        store.Save(new StoredSession("u", ["héllo", "日本 😀"], 1, 2));
        store.Append("u", ["ça va"], 0, 0);
        ProcessRunner.Result result = await ProcessRunner.RunAsync("env", ["LC_ALL=C", "PYTHONUTF8=0", "PYTHONIOENCODING=ascii:backslashreplace", "python3", "-c",
            $"import sys; sys.path.insert(0, {JsonSerializer.Serialize(RepositoryLayout.SeedDirectory, TestJsonContext.Default.String)}); from session_store import *; from pathlib import Path; print(load_session('u', Path({JsonSerializer.Serialize(store.DirectoryPath, TestJsonContext.Default.String)})).messages)"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\\xe7a va", result.StandardOutput, StringComparison.Ordinal);
    }

    private static StoredSession RandomSession(Random random, string id)
    {
        int count = random.Next(0, 4) == 0 ? 0 : random.Next(1, 12);
        var messages = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var text = new StringBuilder();
            int length = random.Next(0, 40);
            for (int c = 0; c < length; c++)
            {
                int kind = random.Next(6);
                int codePoint = kind switch
                {
                    0 => random.Next(0, 0x20),                 // control characters
                    1 => "\"\\/\u007f"[random.Next(4)],        // quote, backslash, slash, DEL
                    2 => random.Next(0x20, 0x7f),              // printable ASCII
                    3 => random.Next(0x80, 0xD800),            // the rest of the BMP below the surrogates
                    4 => random.Next(0xE000, 0x10000),         // the BMP above them
                    _ => random.Next(0x10000, 0x110000),       // astral: a surrogate pair
                };
                text.Append(char.ConvertFromUtf32(codePoint));
            }

            messages.Add(text.ToString());
        }

        long Count() => random.Next(3) switch { 0 => 0, 1 => random.Next(), _ => random.NextInt64(long.MaxValue / 2) };
        return new StoredSession(id, messages, Count(), Count());
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace SessionStore.TestWorker;

/// <summary>
/// The Python reference module as a writer that knows nothing of our locks or intents: between two kills of the
/// crash harness it saves a session back one step (in place, as <c>save_session</c> does) or deletes it.
/// </summary>
public sealed class ForeignWriter(string seedDirectory, string directory)
{
    private const string Script = """
        import sys, json
        a = json.loads(sys.stdin.read())
        sys.path.insert(0, a['seed'])
        from session_store import *
        from pathlib import Path
        d = Path(a['dir'])
        if a['op'] == 'delete':
            delete_session(a['id'], d)
        else:
            save_session(StoredSession(a['id'], tuple(a['messages']), a['in'], a['out']), d)
        """;

    public void Save(StoredSession session) => Run("save", session.SessionId, session);

    public void Delete(string id) => Run("delete", id, null);

    private void Run(string operation, string id, StoredSession? session)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("seed", seedDirectory);
            json.WriteString("dir", directory);
            json.WriteString("op", operation);
            json.WriteString("id", id);
            json.WriteStartArray("messages");
            foreach (string message in session?.Messages ?? [])
            {
                json.WriteStringValue(message);
            }

            json.WriteEndArray();
            json.WriteNumber("in", session?.InputTokens ?? 0);
            json.WriteNumber("out", session?.OutputTokens ?? 0);
            json.WriteEndObject();
        }

        var info = new ProcessStartInfo("python3") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        using Process python = Process.Start(info)!;
        python.StandardInput.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        python.StandardInput.Close();
        string errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        if (python.ExitCode != 0)
        {
            throw new InvalidOperationException($"python3 failed ({python.ExitCode}) to {operation} {id}: {errors}");
        }
    }
}

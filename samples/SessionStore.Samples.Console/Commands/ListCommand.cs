using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace SessionStore.Samples.Console.Commands;

/// <summary><c>list</c>: each session's id, message count, tokens, size and last write, read without loading the messages.</summary>
internal static class ListCommand
{
    internal static Command Create(Option<string> dirOption)
    {
        var json = new Option<bool>("--json") { Description = "Print the summaries as a JSON array." };
        var recent = new Option<bool>("--recent") { Description = "Newest first (default: by id)." };
        var command = new Command("list", "List the stored sessions: id, messages, tokens, size, last modified.") { json, recent };
        command.SetAction(result =>
        {
            var store = new FileSessionStore(result.GetValue(dirOption)!);
            IReadOnlyList<string> ids = store.List();
            var progress = new StderrProgress("listed");
            var summaries = new List<SessionSummary>(ids.Count);
            var corrupt = new List<(string Id, string Reason)>();
            foreach (string id in ids)
            {
                try
                {
                    summaries.Add(store.Summarize(id));
                }
                catch (SessionCorruptException ex)
                {
                    corrupt.Add((id, ex.Reason));
                }
                catch (SessionNotFoundException)
                {
                    // Deleted since it was listed.
                }

                if ((summaries.Count + corrupt.Count) % 1000 == 0)
                {
                    progress.Report(summaries.Count + corrupt.Count);
                }
            }

            if (result.GetValue(recent))
            {
                summaries.Sort((a, b) => b.LastModified.CompareTo(a.LastModified));
            }

            if (result.GetValue(json))
            {
                System.Console.Out.WriteLine(JsonSerializer.Serialize(summaries, ToolJsonContext.Default.ListSessionSummary));
            }
            else
            {
                foreach (SessionSummary s in summaries)
                {
                    System.Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{s.SessionId,-32} {s.MessageCount,6} msgs {s.InputTokens,8} in {s.OutputTokens,8} out {s.SizeBytes,9} B  {s.LastModified:yyyy-MM-dd HH:mm:ss}Z"));
                }
            }

            foreach ((string id, string reason) in corrupt)
            {
                System.Console.Error.WriteLine($"error: session '{id}' is corrupt: {reason}");
            }

            return corrupt.Count == 0 ? ToolErrors.Success : ToolErrors.Failure;
        });
        return command;
    }
}

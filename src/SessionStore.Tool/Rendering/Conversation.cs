using System.Globalization;
using System.Text.Json;
using SessionStore.Tool.Cli;

namespace SessionStore.Tool.Rendering;

/// <summary>
/// Prints a session as a conversation: a header with its usage, then each message with its role. A
/// message may be plain text, text with a role prefix (<c>user: hi</c>), or a JSON chat message
/// (<c>{"role": ..., "content": ...}</c> with text, tool calls and tool results, and an optional usage).
/// </summary>
internal static class Conversation
{
    private static readonly string[] Roles = ["user", "assistant", "system", "tool", "developer"];

    internal static void Print(Output output, StoredSession session, SessionSummary? summary, int? tail)
    {
        output.Line(output.Strong("session ") + " " + output.Accent(session.SessionId));
        string usage = string.Create(CultureInfo.InvariantCulture,
            $"{session.InputTokens:N0} input + {session.OutputTokens:N0} output tokens, {session.Messages.Count} message(s)");
        if (summary is not null)
        {
            usage += string.Create(CultureInfo.InvariantCulture, $", {summary.SizeBytes:N0} B, last written {Ages.Stamp(summary.LastModified)} ({Ages.Ago(summary.LastModified)})");
        }

        output.Line(output.Strong("usage   ") + " " + usage);
        int start = tail is int n ? Math.Max(0, session.Messages.Count - n) : 0;
        if (start > 0)
        {
            output.Line(output.Faint($"({start} earlier message(s) not shown: --tail {tail})"));
        }

        for (int i = start; i < session.Messages.Count; i++)
        {
            (string role, List<string> lines) = Interpret(session.Messages[i]);
            output.Line("");
            output.Line(output.Faint($"[{i + 1}]") + " " + output.Strong(role));
            foreach (string line in lines)
            {
                output.Line("    " + line);
            }
        }
    }

    private static (string Role, List<string> Lines) Interpret(string message)
    {
        if (message.TrimStart().StartsWith('{') && TryChatMessage(message) is { } chat)
        {
            return chat;
        }

        foreach (string role in Roles)
        {
            if (message.Length > role.Length + 1 && message.StartsWith(role, StringComparison.OrdinalIgnoreCase) && message[role.Length] == ':')
            {
                return (role, Lines(message[(role.Length + 1)..].TrimStart()));
            }
        }

        return ("message", Lines(message));
    }

    private static (string Role, List<string> Lines)? TryChatMessage(string message)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(message);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("role", out JsonElement role) || role.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var lines = new List<string>();
            if (root.TryGetProperty("content", out JsonElement content))
            {
                AddContent(lines, content);
            }

            if (root.TryGetProperty("tool_calls", out JsonElement calls) && calls.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement call in calls.EnumerateArray())
                {
                    JsonElement function = call.TryGetProperty("function", out JsonElement f) ? f : call;
                    lines.Add($"-> tool call {Text(function, "name")}({Text(function, "arguments")})");
                }
            }

            if (root.TryGetProperty("usage", out JsonElement usage) && usage.ValueKind == JsonValueKind.Object)
            {
                lines.Add("(usage: " + string.Join(", ", usage.EnumerateObject().Select(p => $"{p.Name} {p.Value}")) + ")");
            }

            return (role.GetString()!, lines);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void AddContent(List<string> lines, JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            lines.AddRange(Lines(content.GetString()!));
            return;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement block in content.EnumerateArray())
        {
            switch (Text(block, "type"))
            {
                case "text":
                    lines.AddRange(Lines(Text(block, "text")));
                    break;
                case "tool_use":
                    lines.Add($"-> tool call {Text(block, "name")}({(block.TryGetProperty("input", out JsonElement input) ? input.GetRawText() : "")})");
                    break;
                case "tool_result":
                    var result = new List<string>();
                    if (block.TryGetProperty("content", out JsonElement inner))
                    {
                        AddContent(result, inner);
                    }

                    lines.Add("<- tool result: " + string.Join(" ", result));
                    break;
                default:
                    lines.Add(block.GetRawText());
                    break;
            }
        }
    }

    private static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out JsonElement value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
            : "";

    private static List<string> Lines(string text) => [.. text.ReplaceLineEndings("\n").Split('\n')];
}

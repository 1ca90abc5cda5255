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
        string usage = string.Create(CultureInfo.InvariantCulture,
            $"{session.InputTokens:N0} input + {session.OutputTokens:N0} output tokens, {session.Messages.Count} message(s)");
        Print(output, session.SessionId, usage, summary, session.Messages.Select(Interpret).ToList(), tail);
    }

    /// <summary>A session of another type (an agent's conversation of Microsoft.Extensions.AI messages), read as JSON.</summary>
    internal static void Print(Output output, string sessionId, JsonElement document, SessionSummary summary, int? tail)
    {
        List<(string Role, List<string> Lines)> messages = [.. Messages(document).Select(m => m.ValueKind == JsonValueKind.String
            ? Interpret(m.GetString()!)
            : AIMessage(m) ?? ("message", Lines(m.GetRawText())))];
        string usage = string.Create(CultureInfo.InvariantCulture,
            $"{summary.InputTokens:N0} input + {summary.OutputTokens:N0} output tokens, {messages.Count} message(s)");
        Print(output, sessionId, usage, summary, messages, tail);
    }

    /// <summary>The messages of a session read as JSON: its <c>messages</c> array, or none.</summary>
    internal static IEnumerable<JsonElement> Messages(JsonElement document) =>
        document.ValueKind == JsonValueKind.Object && document.TryGetProperty("messages", out JsonElement messages) && messages.ValueKind == JsonValueKind.Array
            ? messages.EnumerateArray()
            : [];

    private static void Print(Output output, string sessionId, string usage, SessionSummary? summary, List<(string Role, List<string> Lines)> messages, int? tail)
    {
        output.Line(output.Strong("session ") + " " + output.Accent(sessionId));
        if (summary is not null)
        {
            usage += string.Create(CultureInfo.InvariantCulture, $", {summary.SizeBytes:N0} B, last written {Ages.Stamp(summary.LastModified)} ({Ages.Ago(summary.LastModified)})");
        }

        output.Line(output.Strong("usage   ") + " " + usage);
        int start = tail is int n ? Math.Max(0, messages.Count - n) : 0;
        if (start > 0)
        {
            output.Line(output.Faint($"({start} earlier message(s) not shown: --tail {tail})"));
        }

        for (int i = start; i < messages.Count; i++)
        {
            (string role, List<string> lines) = messages[i];
            output.Line("");
            output.Line(output.Faint($"[{i + 1}]") + " " + output.Strong(output.Visible(role)));
            foreach (string line in lines)
            {
                output.Line("    " + output.Visible(line));
            }
        }
    }

    /// <summary>A Microsoft.Extensions.AI <c>ChatMessage</c> as its JSON: a role, an author, and contents tagged by <c>$type</c>.</summary>
    private static (string Role, List<string> Lines)? AIMessage(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("contents", out JsonElement contents) || contents.ValueKind != JsonValueKind.Array)
        {
            return message.ValueKind == JsonValueKind.Object ? TryChatMessage(message.GetRawText()) : null;
        }

        string role = Text(message, "role") is { Length: > 0 } r ? r : "message";
        if (Text(message, "authorName") is { Length: > 0 } author)
        {
            role += $" ({author})";
        }

        var lines = new List<string>();
        foreach (JsonElement content in contents.EnumerateArray())
        {
            switch (Text(content, "$type"))
            {
                case "text":
                    lines.AddRange(Lines(Text(content, "text")));
                    break;
                case "reasoning":
                    lines.AddRange(Lines(Text(content, "text")).Select(line => "(thinking) " + line));
                    break;
                case "functionCall":
                    lines.Add($"-> tool call {Text(content, "name")}({Text(content, "arguments")}) [{Text(content, "callId")}]");
                    break;
                case "functionResult":
                    lines.Add($"<- tool result [{Text(content, "callId")}]: {Text(content, "result")}");
                    break;
                case "usage":
                    lines.Add("(usage: " + Text(content, "details") + ")");
                    break;
                case "error":
                    lines.Add("error: " + Text(content, "message"));
                    break;
                case "data" or "uri" or "hostedFile" or "hostedVectorStore":
                    lines.Add($"[{Text(content, "$type")} {Text(content, "mediaType")} {Text(content, "uri")}]".Replace("  ", " ", StringComparison.Ordinal));
                    break;
                default:
                    lines.Add(content.GetRawText());
                    break;
            }
        }

        return (role, lines);
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

using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Tests.Serialization;

/// <summary>One filled-in instance of every <see cref="AIContent"/> MEAI 10.11 ships.</summary>
internal static class ShippedContents
{
    internal static IEnumerable<AIContent> All()
    {
        var call = new FunctionCallContent("call-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo", ["days"] = 3, ["metric"] = true });
        yield return new TextContent("hello, ünïcode ✓ and \"quotes\"") { AdditionalProperties = new() { ["lang"] = "en", ["score"] = 0.5 } };
        yield return call;
        yield return new FunctionResultContent("call-1", "12 °C and clear");
        yield return new DataContent(new byte[] { 0, 1, 2, 250, 255 }, "application/octet-stream") { Name = "blob.bin" };
        yield return new DataContent("data:text/plain;base64,aGVsbG8=");
        yield return new UriContent("https://example.com/cat.png", "image/png");
        yield return new UsageContent(new UsageDetails
        {
            InputTokenCount = 120, OutputTokenCount = 30, TotalTokenCount = 150, CachedInputTokenCount = 100, ReasoningTokenCount = 7,
            AdditionalCounts = new() { ["audio_seconds"] = 4 },
        });
        yield return new TextReasoningContent("first, check the forecast") { ProtectedData = "opaque-signature" };
        yield return new ErrorContent("rate limited") { ErrorCode = "429", Details = "retry after 2 s" };
        yield return new HostedFileContent("file-abc") { MediaType = "application/pdf", Name = "report.pdf", SizeInBytes = 1234 };
        yield return new HostedVectorStoreContent("vs-1");
        yield return new ToolCallContent("tool-call-1");
        yield return new ToolResultContent("tool-call-1");
        yield return new ToolApprovalRequestContent("approval-1", call);
        yield return new ToolApprovalResponseContent("approval-1", true, call) { Reason = "looks safe" };
        yield return new McpServerToolCallContent("mcp-1", "search", "docs-server") { Arguments = new Dictionary<string, object?> { ["q"] = "sessions" } };
        yield return new McpServerToolResultContent("mcp-1") { Outputs = [new TextContent("3 hits")] };
        yield return new ImageGenerationToolCallContent("image-1");
        yield return new ImageGenerationToolResultContent("image-1") { Outputs = [new UriContent("https://example.com/out.png", "image/png")] };
        yield return new CodeInterpreterToolCallContent("code-1") { Inputs = [new TextContent("print(1)")] };
        yield return new CodeInterpreterToolResultContent("code-1") { Outputs = [new TextContent("1")] };
        yield return new WebSearchToolCallContent("search-1") { Queries = ["session stores"] };
        yield return new WebSearchToolResultContent("search-1") { Outputs = [new UriContent("https://example.com/", "text/html")] };
    }

    /// <summary>A conversation holding every shipped content, each in a message of its own, with message-level properties set.</summary>
    internal static ChatConversation Conversation(string id)
    {
        var conversation = new ChatConversation(id)
        {
            Usage = new UsageDetails { InputTokenCount = 1, OutputTokenCount = 2, TotalTokenCount = 3 },
            CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            UpdatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero),
            AdditionalProperties = new() { ["tenant"] = "acme" },
        };
        foreach (AIContent content in All())
        {
            conversation.Messages.Add(new ChatMessage(ChatRole.Assistant, [content])
            {
                AuthorName = "agent",
                MessageId = "m-" + conversation.Messages.Count,
                CreatedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
                AdditionalProperties = new() { ["index"] = conversation.Messages.Count, ["note"] = "kept" },
            });
        }

        conversation.Messages.Add(new ChatMessage(new ChatRole("critic"), "a custom role"));
        return conversation;
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>
/// A model without a network: a user message <c>turn N</c> gets a call of the <c>lookup</c> tool; a tool result gets
/// <c>answer N after M messages</c>, where M is how many messages this call received (the history the model saw);
/// anything else gets <c>echo: </c> and the text.
/// Usage: 10 input and 5 output tokens per call.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private int _calls;

    /// <summary>Every call's messages, in order.</summary>
    public List<List<ChatMessage>> Received { get; } = [];

    /// <summary>Throws on the call with this number (1-based); 0: never.</summary>
    public int FailOnCall { get; set; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        List<ChatMessage> seen = [.. messages];
        lock (Received)
        {
            Received.Add(seen);
        }

        if (Interlocked.Increment(ref _calls) == FailOnCall)
        {
            throw new InvalidOperationException("the scripted model failed, as asked");
        }

        return Task.FromResult(new ChatResponse(Reply(seen)) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 5, TotalTokenCount = 15 } });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static ChatMessage Reply(List<ChatMessage> seen)
    {
        ChatMessage last = seen[^1];
        if (last.Role == ChatRole.Tool)
        {
            var result = (FunctionResultContent)last.Contents[0];
            string turn = result.CallId["call-".Length..];
            return new ChatMessage(ChatRole.Assistant, string.Create(CultureInfo.InvariantCulture, $"answer {turn} after {seen.Count} messages"));
        }

        string text = last.Text;
        if (!text.StartsWith("turn ", StringComparison.Ordinal))
        {
            return new ChatMessage(ChatRole.Assistant, "echo: " + text);
        }

        string number = text["turn ".Length..];
        return new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + number, LookupFunction.ToolName, new Dictionary<string, object?> { ["turn"] = number })]);
    }
}

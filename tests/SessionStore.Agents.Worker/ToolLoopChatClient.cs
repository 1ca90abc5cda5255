using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Worker;

/// <summary>
/// A model that books in two tool rounds: it asks for <c>reserve</c> until the history holds its result, then for
/// <c>pay</c> until that result is there, then answers <c>booked</c>. What it asks for depends only on what it is sent.
/// </summary>
public sealed class ToolLoopChatClient : IChatClient
{
    public const string Reserve = "reserve";
    public const string Pay = "pay";

    private int _calls;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.CallId.Split('-')[0]).ToHashSet(StringComparer.Ordinal);
        int call = Interlocked.Increment(ref _calls);
        string? next = !results.Contains(Reserve) ? Reserve : !results.Contains(Pay) ? Pay : null;
        ChatMessage reply = next is null
            ? new ChatMessage(ChatRole.Assistant, "booked")
            : new ChatMessage(ChatRole.Assistant, [new FunctionCallContent($"{next}-{Environment.ProcessId}-{call}", next)]);
        return Task.FromResult(new ChatResponse(reply));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}

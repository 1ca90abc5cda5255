namespace SessionStore;

/// <summary>The append's span and duration, as <see cref="FileSessionStore{TSession}"/> measures its own operations.</summary>
public partial class FileSessionStore
{
    private async ValueTask AppendCore(string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens, bool async, CancellationToken cancellationToken) =>
        _ = await TracedCore(
            SessionOperation.Append,
            (id, messages, inputTokens, outputTokens),
            static async (store, s, async, ct) =>
            {
                await ((FileSessionStore)store).AppendUntracedCore(s.id, s.messages, s.inputTokens, s.outputTokens, async, ct).ConfigureAwait(false);
                return true;
            },
            async,
            cancellationToken).ConfigureAwait(false);
}

using SessionStore.Telemetry;

namespace SessionStore;

/// <summary>The append's span and duration, as <see cref="FileSessionStore{TSession}"/> measures its own operations.</summary>
public partial class FileSessionStore
{
    private async ValueTask AppendCore(string id, IReadOnlyList<string> messages, long inputTokens, long outputTokens, bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = Instruments.Start(SessionOperation.Append);
        try
        {
            await AppendUntracedCore(id, messages, inputTokens, outputTokens, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Instruments.Failed(scope, ex))
        {
            throw;
        }
        finally
        {
            scope?.Dispose();
        }
    }
}

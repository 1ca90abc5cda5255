using SessionStore.Interop;
using SessionStore.Storage;
using SessionStore.Telemetry;

namespace SessionStore;

/// <summary>
/// Spans, the duration histogram and the logs of operator-relevant failures, at one point per operation:
/// each wrapper starts the operation's scope (nothing when nobody listens), runs the operation's core,
/// and records the typed exception that leaves it.
/// </summary>
public partial class FileSessionStore<TSession>
{
    private readonly StoreInstruments _instruments;

    /// <summary>This store's activity source, meter and logger.</summary>
    private protected StoreInstruments Instruments => _instruments;

    /// <inheritdoc cref="ReadUntraced{TResult}"/>
    private protected TResult? ReadCore<TResult>(string id, Func<string, ReadOnlySpan<byte>, StatxBuffer, TResult> parse)
    {
        OperationScope? scope = _instruments.Start(SessionOperation.Read);
        try
        {
            return ReadUntraced(id, parse);
        }
        catch (Exception ex) when (_instruments.Failed(scope, ex))
        {
            throw;
        }
        finally
        {
            scope?.Dispose();
        }
    }

    private protected async ValueTask<string> SaveCore(TSession session, bool conditional, string? expectedETag, bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = _instruments.Start(SessionOperation.Save);
        try
        {
            return await SaveUntracedCore(session, conditional, expectedETag, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_instruments.Failed(scope, ex))
        {
            throw;
        }
        finally
        {
            scope?.Dispose();
        }
    }

    private async ValueTask<bool> DeleteCore(string id, bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = _instruments.Start(SessionOperation.Delete);
        try
        {
            return await DeleteUntracedCore(id, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_instruments.Failed(scope, ex))
        {
            throw;
        }
        finally
        {
            scope?.Dispose();
        }
    }

    private async ValueTask<TSession> UpdateCore(string id, Func<TSession?, TSession> change, bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = _instruments.Start(SessionOperation.Update);
        try
        {
            return await UpdateUntracedCore(id, change, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_instruments.Failed(scope, ex))
        {
            throw;
        }
        finally
        {
            scope?.Dispose();
        }
    }
}

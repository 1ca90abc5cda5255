using SessionStore.Telemetry;

namespace SessionStore.Postgres;

/// <summary>
/// Spans, the duration histogram and the logs of operator-relevant failures at the one boundary every
/// statement crosses (<see cref="RunCore{T}"/>, where the server's errors become the store's), and for
/// the table's creation.
/// </summary>
public partial class PostgresSessionStore<TSession>
{
    private readonly StoreInstruments _instruments;

    /// <inheritdoc cref="RunUntracedCore{T}"/>
    private async ValueTask<T> RunCore<T>(SessionOperation operation, string? id, Func<ValueTask<T>> work, bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = _instruments.Start(operation);
        try
        {
            return await RunUntracedCore(operation, id, work, async, cancellationToken).ConfigureAwait(false);
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

    private async ValueTask CreateCore(bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = _instruments.Start(SessionOperation.Create);
        try
        {
            await CreateUntracedCore(async, cancellationToken).ConfigureAwait(false);
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

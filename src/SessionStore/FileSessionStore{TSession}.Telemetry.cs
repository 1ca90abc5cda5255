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

    /// <summary>
    /// Runs an operation's core inside its scope. The core is a static lambda over explicit state, so
    /// wrapping allocates no closure; with nobody listening the scope is null and this is a call.
    /// </summary>
    private protected async ValueTask<TResult> TracedCore<TState, TResult>(
        SessionOperation operation, TState state, Func<FileSessionStore<TSession>, TState, bool, CancellationToken, ValueTask<TResult>> core, bool async, CancellationToken cancellationToken)
    {
        OperationScope? scope = _instruments.Start(operation);
        try
        {
            return await core(this, state, async, cancellationToken).ConfigureAwait(false);
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

    /// <inheritdoc cref="TracedCore{TState, TResult}"/>
    private protected TResult Traced<TState, TResult>(SessionOperation operation, TState state, Func<FileSessionStore<TSession>, TState, TResult> core)
    {
        OperationScope? scope = _instruments.Start(operation);
        try
        {
            return core(this, state);
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

    /// <inheritdoc cref="ReadUntraced{TResult}"/>
    private protected TResult? ReadCore<TResult>(string id, Func<string, ReadOnlySpan<byte>, StatxBuffer, TResult> parse) =>
        Traced(SessionOperation.Read, (id, parse), static (store, s) => store.ReadUntraced(s.id, s.parse));

    private protected ValueTask<string> SaveCore(TSession session, bool conditional, string? expectedETag, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Save, (session, conditional, expectedETag), static (store, s, async, ct) => store.SaveUntracedCore(s.session, s.conditional, s.expectedETag, async, ct), async, cancellationToken);

    private ValueTask<bool> DeleteCore(string id, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Delete, id, static (store, id, async, ct) => store.DeleteUntracedCore(id, async, ct), async, cancellationToken);

    private ValueTask<TSession> UpdateCore(string id, Func<TSession?, TSession> change, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Update, (id, change), static (store, s, async, ct) => store.UpdateUntracedCore(s.id, s.change, async, ct), async, cancellationToken);

    private ValueTask<ImportResult> ImportCore(IReadOnlyList<TSession> sessions, bool overwrite, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Import, (sessions, overwrite), static (store, s, async, ct) => store.ImportUntracedCore(s.sessions, s.overwrite, async, ct), async, cancellationToken);

    private ValueTask<StoreCheckResult> CheckCore(bool repair, IProgress<int>? progress, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Repair, (repair, progress), static (store, s, async, ct) => store.CheckUntracedCore(s.repair, s.progress, async, ct), async, cancellationToken);

    private ValueTask<IReadOnlyList<string>> PruneCore(DateTimeOffset cutoff, bool dryRun, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Prune, (cutoff, dryRun), static (store, s, async, ct) => store.PruneUntracedCore(s.cutoff, s.dryRun, async, ct), async, cancellationToken);

    private ValueTask<PruneResult> PruneToTrashCore(DateTimeOffset cutoff, bool dryRun, IProgress<int>? progress, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Prune, (cutoff, dryRun, progress), static (store, s, async, ct) => store.PruneToTrashUntracedCore(s.cutoff, s.dryRun, s.progress, async, ct), async, cancellationToken);

    private ValueTask<bool> MoveToTrashCore(string id, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.MoveToTrash, id, static (store, id, async, ct) => store.MoveToTrashUntracedCore(id, async, ct), async, cancellationToken);

    private ValueTask<string> RestoreCore(string id, bool async, CancellationToken cancellationToken) =>
        TracedCore(SessionOperation.Restore, id, static (store, id, async, ct) => store.RestoreUntracedCore(id, async, ct), async, cancellationToken);
}

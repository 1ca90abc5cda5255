using System.Diagnostics.CodeAnalysis;

namespace SessionStore.Testing;

/// <summary>
/// A store whose synchronous members call the wrapped store's asynchronous twins, so every conformance
/// case also runs through the asynchronous members (<see cref="StoreConformanceTests.ThroughAsync"/>).
/// </summary>
internal sealed class AsyncRoutedStore(ISessionStore<StoredSession> inner) : IStoredSessionStore, ISessionRetention, ISessionPaging, ISessionCatalog
{
    private ISessionCatalog Catalog => (ISessionCatalog)inner;

    public SessionMetadata? GetMetadata(string id) => Wait(Catalog.GetMetadataAsync(id));

    public ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default) => Catalog.GetMetadataAsync(id, cancellationToken);

    public SessionMetadata UpdateMetadata(string id, SessionMetadataChange change) => Wait(Catalog.UpdateMetadataAsync(id, change));

    public ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) =>
        Catalog.UpdateMetadataAsync(id, change, cancellationToken);

    public SessionQueryPage Query(SessionQuery query) => Wait(Catalog.QueryAsync(query));

    public ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default) => Catalog.QueryAsync(query, cancellationToken);

    public SessionSearchPage Search(string text, SessionQuery? query = null) => Wait(Catalog.SearchAsync(text, query));

    public ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default) =>
        Catalog.SearchAsync(text, query, cancellationToken);

    public int Rebuild(IProgress<int>? progress = null) => Wait(Catalog.RebuildAsync(progress));

    public ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) => Catalog.RebuildAsync(progress, cancellationToken);

    public SessionPage ListPage(SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null) =>
        Wait(((ISessionPaging)inner).ListPageAsync(order, pageSize, pageToken));

    public ValueTask<SessionPage> ListPageAsync(SessionOrder order = SessionOrder.Id, int pageSize = SessionPaging.DefaultPageSize, string? pageToken = null, CancellationToken cancellationToken = default) =>
        ((ISessionPaging)inner).ListPageAsync(order, pageSize, pageToken, cancellationToken);

    private ISessionRetention Retention => (ISessionRetention)inner;

    private IStoredSessionStore Stored => (IStoredSessionStore)inner;

    public string Fork(string sourceId, string newId) => Wait(Stored.ForkAsync(sourceId, newId));

    public ValueTask<string> ForkAsync(string sourceId, string newId, CancellationToken cancellationToken = default) => Stored.ForkAsync(sourceId, newId, cancellationToken);

    public SessionSummary Summarize(string id) => Wait(Stored.SummarizeAsync(id));

    public ValueTask<SessionSummary> SummarizeAsync(string id, CancellationToken cancellationToken = default) => Stored.SummarizeAsync(id, cancellationToken);

    public string Save(StoredSession session) => Wait(inner.SaveAsync(session));

    public ValueTask<string> SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => inner.SaveAsync(session, cancellationToken);

    public StoredSession Load(string id) => Wait(inner.LoadAsync(id));

    public ValueTask<StoredSession> LoadAsync(string id, CancellationToken cancellationToken = default) => inner.LoadAsync(id, cancellationToken);

    public bool TryLoad(string id, [NotNullWhen(true)] out StoredSession? session)
    {
        session = Wait(inner.TryLoadAsync(id));
        return session is not null;
    }

    public ValueTask<StoredSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) => inner.TryLoadAsync(id, cancellationToken);

    public IReadOnlyList<string> List() => Wait(inner.ListAsync());

    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    public bool Exists(string id) => Wait(inner.ExistsAsync(id));

    public ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) => inner.ExistsAsync(id, cancellationToken);

    public bool Delete(string id) => Wait(inner.DeleteAsync(id));

    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => inner.DeleteAsync(id, cancellationToken);

    public StoredSession Update(string id, Func<StoredSession?, StoredSession> change) => Wait(inner.UpdateAsync(id, change));

    public ValueTask<StoredSession> UpdateAsync(string id, Func<StoredSession?, StoredSession> change, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(id, change, cancellationToken);

    public SessionRevision<StoredSession> LoadRevision(string id) => Wait(inner.LoadRevisionAsync(id));

    public ValueTask<SessionRevision<StoredSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default) => inner.LoadRevisionAsync(id, cancellationToken);

    public string SaveIfMatch(StoredSession session, string? expectedETag) => Wait(inner.SaveIfMatchAsync(session, expectedETag));

    public ValueTask<string> SaveIfMatchAsync(StoredSession session, string? expectedETag, CancellationToken cancellationToken = default) =>
        inner.SaveIfMatchAsync(session, expectedETag, cancellationToken);

    public bool MoveToTrash(string id) => Wait(Retention.MoveToTrashAsync(id));

    public ValueTask<bool> MoveToTrashAsync(string id, CancellationToken cancellationToken = default) => Retention.MoveToTrashAsync(id, cancellationToken);

    public IReadOnlyList<TrashedSession> ListTrash() => Wait(Retention.ListTrashAsync());

    public ValueTask<IReadOnlyList<TrashedSession>> ListTrashAsync(CancellationToken cancellationToken = default) => Retention.ListTrashAsync(cancellationToken);

    public string Restore(string id) => Wait(Retention.RestoreAsync(id));

    public ValueTask<string> RestoreAsync(string id, CancellationToken cancellationToken = default) => Retention.RestoreAsync(id, cancellationToken);

    public IReadOnlyList<TrashedSession> EmptyTrash(DateTimeOffset? trashedBefore = null, bool dryRun = false) => Wait(Retention.EmptyTrashAsync(trashedBefore, dryRun));

    public ValueTask<IReadOnlyList<TrashedSession>> EmptyTrashAsync(DateTimeOffset? trashedBefore = null, bool dryRun = false, CancellationToken cancellationToken = default) =>
        Retention.EmptyTrashAsync(trashedBefore, dryRun, cancellationToken);

    public bool Pin(string id) => Wait(Retention.PinAsync(id));

    public ValueTask<bool> PinAsync(string id, CancellationToken cancellationToken = default) => Retention.PinAsync(id, cancellationToken);

    public bool Unpin(string id) => Wait(Retention.UnpinAsync(id));

    public ValueTask<bool> UnpinAsync(string id, CancellationToken cancellationToken = default) => Retention.UnpinAsync(id, cancellationToken);

    public IReadOnlyList<string> ListPinned() => Wait(Retention.ListPinnedAsync());

    public ValueTask<IReadOnlyList<string>> ListPinnedAsync(CancellationToken cancellationToken = default) => Retention.ListPinnedAsync(cancellationToken);

    public PruneResult Prune(DateTimeOffset cutoff, bool dryRun = false) => Wait(Retention.PruneAsync(cutoff, dryRun));

    public ValueTask<PruneResult> PruneAsync(DateTimeOffset cutoff, bool dryRun = false, CancellationToken cancellationToken = default) =>
        Retention.PruneAsync(cutoff, dryRun, cancellationToken);

    private static T Wait<T>(ValueTask<T> task) => task.AsTask().GetAwaiter().GetResult();
}

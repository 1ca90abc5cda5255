using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace SessionStore.Conformance.KitFaults;

/// <summary>A correct store (the in-memory backend) with one <see cref="KitFault"/> put in, as a third party might write it.</summary>
internal sealed class FaultyStore(ISessionStore<StoredSession> inner, KitFault fault) : InMemory.SynchronousSessionStore, ISessionCatalog
{
    private readonly ConcurrentDictionary<string, SessionMetadata> _firstMetadata = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StoredSession> _firstVersions = new(StringComparer.Ordinal);
    private readonly List<string> _saveOrder = [];

    public override string Save(StoredSession session)
    {
        string location = inner.Save(session);
        Remember(session);
        return location;
    }

    public override StoredSession Load(string id) => TryLoad(id, out StoredSession? session) ? session : inner.Load(id);

    public override bool TryLoad(string id, [NotNullWhen(true)] out StoredSession? session)
    {
        bool found = inner.TryLoad(id, out session);
        if (found && fault == KitFault.LoadReturnsFirstVersion)
        {
            session = _firstVersions.GetValueOrDefault(id, session!);
        }

        return found;
    }

    public override IReadOnlyList<string> List()
    {
        IReadOnlyList<string> ids = inner.List();
        if (fault != KitFault.ListInSaveOrder)
        {
            return ids;
        }

        lock (_saveOrder)
        {
            return [.. _saveOrder.Where(ids.Contains).Reverse()];
        }
    }

    public override bool Exists(string id) => fault == KitFault.ExistsAfterDelete && SessionIdRules.IsValid(id) && _firstVersions.ContainsKey(id) || inner.Exists(id);

    public override bool Delete(string id)
    {
        if (fault == KitFault.DeleteSkipsTheIdCheck && !SessionIdRules.IsValid(id))
        {
            return false;
        }

        bool deleted = inner.Delete(id);
        return fault == KitFault.DeleteAlwaysReportsTrue || deleted;
    }

    public override StoredSession Update(string id, Func<StoredSession?, StoredSession> change)
    {
        if (fault != KitFault.UpdateWithoutLock)
        {
            StoredSession updated = inner.Update(id, change);
            Remember(updated);
            return updated;
        }

        StoredSession? current = inner.TryLoad(id, out StoredSession? found) ? found : null;
        StoredSession next = change(current);
        Thread.Yield();
        Save(next);
        return next;
    }

    public override SessionRevision<StoredSession> LoadRevision(string id)
    {
        SessionRevision<StoredSession> revision = inner.LoadRevision(id);
        return fault == KitFault.LoadReturnsFirstVersion ? new(_firstVersions.GetValueOrDefault(id, revision.Session), revision.ETag) : revision;
    }

    public override string SaveIfMatch(StoredSession session, string? expectedETag)
    {
        if (fault == KitFault.SaveIfMatchIgnoresTheETag)
        {
            Save(session);
            return inner.LoadRevision(session.SessionId).ETag;
        }

        string etag = inner.SaveIfMatch(session, expectedETag);
        Remember(session);
        return etag;
    }

    public override ValueTask<StoredSession> LoadAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(Stale(Load(id)));

    public override ValueTask<StoredSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryLoad(id, out StoredSession? session) ? Stale(session) : null);

    private ISessionCatalog Catalog => (ISessionCatalog)inner;

    public SessionMetadata? GetMetadata(string id)
    {
        SessionMetadata? metadata = Catalog.GetMetadata(id);
        return fault == KitFault.CatalogMetadataIsStale && metadata is not null ? _firstMetadata.GetOrAdd(id, metadata) : metadata;
    }

    public ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(GetMetadata(id));

    public SessionMetadata UpdateMetadata(string id, SessionMetadataChange change)
    {
        SessionMetadata updated = Catalog.UpdateMetadata(id, change);
        if (fault == KitFault.UpdateMetadataRewritesTheTranscript)
        {
            inner.Save(inner.Load(id));
        }

        return updated;
    }

    public ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(UpdateMetadata(id, change));

    public SessionQueryPage Query(SessionQuery query) =>
        Catalog.Query(fault == KitFault.QueryIgnoresThePageToken ? query with { PageToken = null } : query);

    public ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default) => ValueTask.FromResult(Query(query));

    public SessionSearchPage Search(string text, SessionQuery? query = null) =>
        Catalog.Search(fault == KitFault.SearchUsesTheFirstWordOnly ? SessionSearchTerms.Parse(text)[0][0] : text, query);

    public ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default) => ValueTask.FromResult(Search(text, query));

    public int Rebuild(IProgress<int>? progress = null) => Catalog.Rebuild(progress);

    public ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) => ValueTask.FromResult(Rebuild(progress));

    private StoredSession Stale(StoredSession session) =>
        fault == KitFault.AsyncLoadReturnsFirstVersion ? _firstVersions.GetValueOrDefault(session.SessionId, session) : session;

    private void Remember(StoredSession session)
    {
        _firstVersions.TryAdd(session.SessionId, session);
        lock (_saveOrder)
        {
            _saveOrder.Remove(session.SessionId);
            _saveOrder.Add(session.SessionId);
        }
    }
}

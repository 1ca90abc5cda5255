using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SessionStore.Conformance.InMemory;

/// <summary>
/// A third backend written only from the README's conformance-kit section: sessions in a dictionary behind
/// one lock, revisions from one counter (never reused), ids and sessions checked before anything changes.
/// </summary>
internal sealed class InMemorySessionStore : SynchronousSessionStore, ISessionCatalog
{
    private readonly InMemoryCatalog _catalog = new();
    private static readonly SessionLocation Location = SessionLocation.Table("sessions", "memory", "in-memory");
    private readonly Dictionary<string, (StoredSession Session, string ETag)> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _revision;

    public override string Save(StoredSession session)
    {
        string id = Checked(session);
        lock (_gate)
        {
            _sessions[id] = (session, NextETag());
            _catalog.Written(session);
        }

        return "memory/" + id;
    }

    public override StoredSession Load(string id) => TryLoad(id, out StoredSession? session) ? session : throw new SessionNotFoundException(id, Location);

    public override bool TryLoad(string id, [NotNullWhen(true)] out StoredSession? session)
    {
        Valid(id);
        lock (_gate)
        {
            session = _sessions.TryGetValue(id, out var entry) ? entry.Session : null;
            return session is not null;
        }
    }

    public override IReadOnlyList<string> List()
    {
        lock (_gate)
        {
            return _sessions.Keys.Order(StringComparer.Ordinal).ToArray();
        }
    }

    public override bool Exists(string id) => TryLoad(id, out _);

    public override bool Delete(string id)
    {
        Valid(id);
        lock (_gate)
        {
            _catalog.Deleted(id);
            return _sessions.Remove(id);
        }
    }

    public override StoredSession Update(string id, Func<StoredSession?, StoredSession> change)
    {
        Valid(id);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            StoredSession next = change(_sessions.TryGetValue(id, out var entry) ? entry.Session : null);
            if (Checked(next) != id)
            {
                throw new ArgumentException($"The change for '{id}' returned session '{next.SessionId}'.", nameof(change));
            }

            _sessions[id] = (next, NextETag());
            _catalog.Written(next);
            return next;
        }
    }

    public override SessionRevision<StoredSession> LoadRevision(string id)
    {
        Valid(id);
        lock (_gate)
        {
            return _sessions.TryGetValue(id, out var entry) ? new(entry.Session, entry.ETag) : throw new SessionNotFoundException(id, Location);
        }
    }

    public override string SaveIfMatch(StoredSession session, string? expectedETag)
    {
        string id = Checked(session);
        lock (_gate)
        {
            string? actual = _sessions.TryGetValue(id, out var entry) ? entry.ETag : null;
            if (actual != expectedETag)
            {
                throw new SessionConflictException(id, Location, expectedETag, actual);
            }

            string etag = NextETag();
            _sessions[id] = (session, etag);
            _catalog.Written(session);
            return etag;
        }
    }

    public SessionMetadata? GetMetadata(string id)
    {
        Valid(id);
        lock (_gate)
        {
            return _catalog.Get(id);
        }
    }

    public ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(GetMetadata(id));

    public SessionMetadata UpdateMetadata(string id, SessionMetadataChange change)
    {
        Valid(id);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            return _catalog.Update(id, change, Location);
        }
    }

    public ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(UpdateMetadata(id, change));

    public SessionQueryPage Query(SessionQuery query)
    {
        lock (_gate)
        {
            return _catalog.Query(query);
        }
    }

    public ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default) => ValueTask.FromResult(Query(query));

    public SessionSearchPage Search(string text, SessionQuery? query = null)
    {
        lock (_gate)
        {
            return _catalog.Search(text, query);
        }
    }

    public ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default) => ValueTask.FromResult(Search(text, query));

    public int Rebuild(IProgress<int>? progress = null)
    {
        lock (_gate)
        {
            // Memory is its own truth: a rebuild re-reads every session as a write would, keeping what callers set.
            int done = 0;
            foreach ((StoredSession session, _) in _sessions.Values)
            {
                _catalog.Written(session, rebuilt: true);
                progress?.Report(++done);
            }

            return _catalog.Count;
        }
    }

    public ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) => ValueTask.FromResult(Rebuild(progress));

    private static void Valid(string id)
    {
        if (!SessionIdRules.IsValid(id))
        {
            throw new InvalidSessionIdException(id, nameof(id));
        }
    }

    private static string Checked(StoredSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Valid(session.SessionId);
        session.Validate();
        return session.SessionId;
    }

    private string NextETag() => (++_revision).ToString(CultureInfo.InvariantCulture);
}

using System.Diagnostics.CodeAnalysis;

namespace SessionStore.Conformance.InMemory;

/// <summary>
/// A test backend whose work is synchronous (memory, a decorator over one): the asynchronous members complete the
/// synchronous ones, written once here. A store that answers an async call differently overrides that member.
/// </summary>
internal abstract class SynchronousSessionStore : ISessionStore<StoredSession>
{
    public abstract string Save(StoredSession session);

    public abstract StoredSession Load(string id);

    public abstract bool TryLoad(string id, [NotNullWhen(true)] out StoredSession? session);

    public abstract IReadOnlyList<string> List();

    public abstract bool Exists(string id);

    public abstract bool Delete(string id);

    public abstract StoredSession Update(string id, Func<StoredSession?, StoredSession> change);

    public abstract SessionRevision<StoredSession> LoadRevision(string id);

    public abstract string SaveIfMatch(StoredSession session, string? expectedETag);

    public ValueTask<string> SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => ValueTask.FromResult(Save(session));

    public virtual ValueTask<StoredSession> LoadAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(Load(id));

    public virtual ValueTask<StoredSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TryLoad(id, out StoredSession? session) ? session : null);

    public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(List());

    public ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(Exists(id));

    public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(Delete(id));

    public ValueTask<StoredSession> UpdateAsync(string id, Func<StoredSession?, StoredSession> change, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Update(id, change));

    public ValueTask<SessionRevision<StoredSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult(LoadRevision(id));

    public ValueTask<string> SaveIfMatchAsync(StoredSession session, string? expectedETag, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SaveIfMatch(session, expectedETag));
}

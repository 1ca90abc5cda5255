using SessionStore.Index;

namespace SessionStore.TestWorker;

/// <summary>
/// The child of the index crash test: saves a session through a store with the SQLite index whose index update never
/// finishes (it prints "written" once the session's file is written and its index has not recorded it, then waits to be
/// killed with SIGKILL), so the kill lands exactly between the file write and the index update.
/// </summary>
public static class IndexCrash
{
    public static int Run(string directory, string id, string message)
    {
        var store = new FileSessionStore(directory, new FileSessionStoreOptions { Index = new Stalling() });
        _ = store.Query(new SessionQuery()); // The index exists and is current before the write.
        store.Save(new StoredSession(id, [message], 1, 1));
        return 1; // Never reached: the index update waits for the kill.
    }

    private sealed class Stalling : FileSessionIndexProvider
    {
        public override FileSessionIndex Open(FileSessionIndexHost host) => new StallingIndex(new SqliteSessionIndexProvider().Open(host));
    }

    private sealed class StallingIndex(FileSessionIndex inner) : FileSessionIndex
    {
        public override void OnChanged(FileSessionChange change)
        {
            Console.Out.WriteLine("written");
            Console.Out.Flush();
            Thread.Sleep(Timeout.Infinite);
        }

        public override SessionMetadata? GetMetadata(string id) => inner.GetMetadata(id);

        public override ValueTask<SessionMetadata?> GetMetadataAsync(string id, CancellationToken cancellationToken = default) => inner.GetMetadataAsync(id, cancellationToken);

        public override SessionMetadata UpdateMetadata(string id, SessionMetadataChange change) => inner.UpdateMetadata(id, change);

        public override ValueTask<SessionMetadata> UpdateMetadataAsync(string id, SessionMetadataChange change, CancellationToken cancellationToken = default) => inner.UpdateMetadataAsync(id, change, cancellationToken);

        public override SessionQueryPage Query(SessionQuery query) => inner.Query(query);

        public override ValueTask<SessionQueryPage> QueryAsync(SessionQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);

        public override SessionSearchPage Search(string text, SessionQuery? query = null) => inner.Search(text, query);

        public override ValueTask<SessionSearchPage> SearchAsync(string text, SessionQuery? query = null, CancellationToken cancellationToken = default) => inner.SearchAsync(text, query, cancellationToken);

        public override int Rebuild(IProgress<int>? progress = null) => inner.Rebuild(progress);

        public override ValueTask<int> RebuildAsync(IProgress<int>? progress = null, CancellationToken cancellationToken = default) => inner.RebuildAsync(progress, cancellationToken);
    }
}

using System.Net;
using System.Net.Sockets;
using Npgsql;
using SessionStore.Postgres;

namespace SessionStore.Conformance;

/// <summary>
/// Every member of the PostgreSQL store, synchronous and asynchronous, against a server that is not
/// running (a port nothing listens on): each failure is one of the store's typed exceptions, naming the
/// session (none for the store-wide ones), the table and the operation, never a raw NpgsqlException.
/// </summary>
public sealed class PostgresDeadServerTests : IDisposable
{
    private const string Table = "dead_server";
    private static readonly DateTimeOffset Cutoff = DateTimeOffset.UtcNow;
    private static readonly SessionMetadataChange Change = new() { Title = "a title" };
    private readonly NpgsqlDataSource _dataSource = new NpgsqlSlimDataSourceBuilder($"Host=127.0.0.1;Port={StoppedPort()};Username=postgres;Timeout=5").Build();
    private readonly PostgresStoredSessionStore _store;

    public PostgresDeadServerTests() => _store = PostgresSessionStores.ForStoredSessions(_dataSource, Table);

    public static TheoryData<string> Members => [.. Calls(null!).Keys];

    [Theory]
    [MemberData(nameof(Members))]
    public async Task EveryMember_FailsTyped_SyncAndAsync(string member)
    {
        (SessionOperation operation, string? id, Action sync, Func<Task> async) = Calls(_store)[member];
        foreach (Exception? error in new[] { Record.Exception(sync), await Record.ExceptionAsync(async) })
        {
            Assert.NotNull(error);
            var typed = Assert.IsAssignableFrom<ISessionError>(error);
            Assert.Equal(id, typed.SessionId);
            Assert.Equal(PostgresSessionStores.LocationOf(Table), typed.Location);
            Assert.IsAssignableFrom<NpgsqlException>(error.InnerException);
            if (operation == SessionOperation.Delete)
            {
                Assert.Equal(id, Assert.IsType<SessionDeleteException>(error).SessionId);
            }
            else
            {
                Assert.Equal(operation, Assert.IsType<SessionStorageException>(error).Operation);
            }
        }
    }

    public void Dispose() => _dataSource.Dispose();

    private static Dictionary<string, (SessionOperation Operation, string? Id, Action Sync, Func<Task> Async)> Calls(PostgresStoredSessionStore store)
    {
        var session = new StoredSession("s", ["hi"], 1, 2);
        return new()
        {
            ["EnsureCreated"] = (SessionOperation.Create, null, () => store.EnsureCreated(), () => store.EnsureCreatedAsync().AsTask()),
            ["Save"] = (SessionOperation.Save, "s", () => store.Save(session), () => store.SaveAsync(session).AsTask()),
            ["Load"] = (SessionOperation.Read, "s", () => store.Load("s"), () => store.LoadAsync("s").AsTask()),
            ["TryLoad"] = (SessionOperation.Read, "s", () => store.TryLoad("s", out _), () => store.TryLoadAsync("s").AsTask()),
            ["List"] = (SessionOperation.List, null, () => store.List(), () => store.ListAsync().AsTask()),
            ["Exists"] = (SessionOperation.Read, "s", () => store.Exists("s"), () => store.ExistsAsync("s").AsTask()),
            ["Delete"] = (SessionOperation.Delete, "s", () => _ = store.Delete("s"), () => store.DeleteAsync("s").AsTask()),
            ["Update"] = (SessionOperation.Update, "s", () => store.Update("s", s => s!), () => store.UpdateAsync("s", s => s!).AsTask()),
            ["LoadRevision"] = (SessionOperation.Read, "s", () => store.LoadRevision("s"), () => store.LoadRevisionAsync("s").AsTask()),
            ["SaveIfMatch"] = (SessionOperation.Save, "s", () => store.SaveIfMatch(session, null), () => store.SaveIfMatchAsync(session, null).AsTask()),
            ["MoveToTrash"] = (SessionOperation.MoveToTrash, "s", () => store.MoveToTrash("s"), () => store.MoveToTrashAsync("s").AsTask()),
            ["ListTrash"] = (SessionOperation.List, null, () => store.ListTrash(), () => store.ListTrashAsync().AsTask()),
            ["Restore"] = (SessionOperation.Restore, "s", () => store.Restore("s"), () => store.RestoreAsync("s").AsTask()),
            ["EmptyTrash"] = (SessionOperation.EmptyTrash, null, () => store.EmptyTrash(), () => store.EmptyTrashAsync().AsTask()),
            ["Pin"] = (SessionOperation.Pin, "s", () => store.Pin("s"), () => store.PinAsync("s").AsTask()),
            ["Unpin"] = (SessionOperation.Unpin, "s", () => store.Unpin("s"), () => store.UnpinAsync("s").AsTask()),
            ["ListPinned"] = (SessionOperation.List, null, () => store.ListPinned(), () => store.ListPinnedAsync().AsTask()),
            ["Prune"] = (SessionOperation.Prune, null, () => store.Prune(Cutoff), () => store.PruneAsync(Cutoff).AsTask()),
            ["Fork"] = (SessionOperation.Read, "s", () => store.Fork("s", "t"), () => store.ForkAsync("s", "t").AsTask()),
            ["ListPage"] = (SessionOperation.List, null, () => store.ListPage(SessionOrder.Recent), () => store.ListPageAsync(SessionOrder.Recent).AsTask()),
            ["Summarize"] = (SessionOperation.Read, "s", () => store.Summarize("s"), () => store.SummarizeAsync("s").AsTask()),
            ["GetMetadata"] = (SessionOperation.Read, "s", () => store.GetMetadata("s"), () => store.GetMetadataAsync("s").AsTask()),
            ["UpdateMetadata"] = (SessionOperation.Update, "s", () => store.UpdateMetadata("s", Change), () => store.UpdateMetadataAsync("s", Change).AsTask()),
            ["Query"] = (SessionOperation.List, null, () => store.Query(new SessionQuery()), () => store.QueryAsync(new SessionQuery()).AsTask()),
            ["Search"] = (SessionOperation.List, null, () => store.Search("invoice"), () => store.SearchAsync("invoice").AsTask()),
            ["Rebuild"] = (SessionOperation.Repair, null, () => store.Rebuild(), () => store.RebuildAsync().AsTask()),
        };
    }

    /// <summary>A port a server just stopped listening on.</summary>
    internal static int StoppedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

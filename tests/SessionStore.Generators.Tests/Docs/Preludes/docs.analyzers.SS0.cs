// For the analyzer pages (docs/analyzers/SS0001.md to SS0003.md): the stores, ids and helpers their forms use.
global using System.Runtime.ExceptionServices;
global using DocsPrelude.Analyzers;
global using static DocsPrelude.Analyzers.InScope;

namespace DocsPrelude.Analyzers
{
    public static class InScope
    {
        public const string Traversal = "../x";
        public static readonly FileSessionStore store = new();
        public static readonly FileSessionStore? maybe = null;
        public static readonly ISessionStore<StoredSession> anyStore = store;
        public static readonly SomeStoreBase custom = new();
        public static readonly RedisLikeStore redis = new();
        public static readonly HidingStore hiding = new();
        public static readonly MyStore myStore = new();
        public static readonly Other other = new();
        public static readonly string id = "chat-1", a = "a", b = "b", x = "x", userInput = "";
        public static readonly List<string> ids = [];
        public static readonly IReadOnlyList<string> messages = [], turns = [];
        public static readonly bool flag = false, retry = false;
        public static readonly int kind = 0;
        public static readonly object gate = new();
        public static readonly CancellationToken token = default;
        public static readonly StoredSession session = new("chat-1", [], 0, 0);
        public static readonly Ticket ticket = new();
        public static readonly ChatSession chat = new("chat-1", []);
        public static readonly Logger log = new();
        public static EventHandler? handler;

        public static void Log(object? value) { }
        public static void Escalate(Exception e) { }
        public static bool IsTransient(Exception e) => false;
    }

    public sealed class Logger { public void Warn(Exception e) { } }

    /// <summary>Your own implementation of the contract, with members to override.</summary>
    public class SomeStoreBase : ISessionStore<StoredSession>
    {
        public virtual StoredSession Load(string id) => null!;
        public virtual bool Exists(string id) => false;
        public virtual bool Delete(string id) => false;
        public string Save(StoredSession session) => "";
        public ValueTask<string> SaveAsync(StoredSession session, CancellationToken cancellationToken = default) => default;
        public ValueTask<StoredSession> LoadAsync(string id, CancellationToken cancellationToken = default) => default;
        public bool TryLoad(string id, out StoredSession? session) { session = null; return false; }
        public ValueTask<StoredSession?> TryLoadAsync(string id, CancellationToken cancellationToken = default) => default;
        public IReadOnlyList<string> List() => [];
        public ValueTask<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) => default;
        public ValueTask<bool> ExistsAsync(string id, CancellationToken cancellationToken = default) => default;
        public ValueTask<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) => default;
        public StoredSession Update(string id, Func<StoredSession?, StoredSession> change) => null!;
        public ValueTask<StoredSession> UpdateAsync(string id, Func<StoredSession?, StoredSession> change, CancellationToken cancellationToken = default) => default;
        public SessionRevision<StoredSession> LoadRevision(string id) => default!;
        public ValueTask<SessionRevision<StoredSession>> LoadRevisionAsync(string id, CancellationToken cancellationToken = default) => default;
        public string SaveIfMatch(StoredSession session, string? expectedETag) => "";
        public ValueTask<string> SaveIfMatchAsync(StoredSession session, string? expectedETag, CancellationToken cancellationToken = default) => default;
        public void Log(string message) { }
    }

    public sealed class RedisLikeStore : SomeStoreBase
    {
        public override bool Delete(string id) => true;
        public override StoredSession Load(string id) => null!;
    }

    public sealed class HidingStore : SomeStoreBase
    {
        public new bool Delete(string id) => true;
    }

    public sealed class MyStore : FileSessionStore<StoredSession>
    {
        public MyStore() : base("d", SessionJson.StoredSession, s => s.SessionId) { }
        public void Delete(string id, bool quietly) { }
        public void Log(string message) { }
    }

    public sealed class Other
    {
        public bool Delete(string id) => true;
        public void Load(string id) { }
    }

    public sealed class Ticket { [SessionId] public string Id { get; set; } = ""; public string Name { get; set; } = ""; }
    public class BaseTicket { [SessionId] public virtual string Key { get; init; } = ""; }
    public sealed class DerivedTicket : BaseTicket { public override string Key { get; init; } = ""; }
    public sealed class ClassSession { public ClassSession(string id) => Id = id; [SessionId] public string Id { get; } }
    public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<string> Turns);
}

using SessionStore.Analyzers.Rules;
using Verify = SessionStore.Analyzers.Tests.Verifiers.AnalyzerVerifier<SessionStore.Analyzers.Rules.DeleteResultIgnoredAnalyzer>;

namespace SessionStore.Analyzers.Tests.SS0001;

public sealed class DeleteResultIgnoredAnalyzerTests
{
    /// <summary>A user's own implementation of the store contract: its members are store members too; the ones it adds are not.</summary>
    internal const string Custom = """
        class Custom : ISessionStore<StoredSession>
        {
            public bool Delete() => true;
            public string Save(StoredSession session) => "";
            public ValueTask<string> SaveAsync(StoredSession session, System.Threading.CancellationToken cancellationToken = default) => default;
            public virtual StoredSession Load(string id) => null!;
            public ValueTask<StoredSession> LoadAsync(string id, System.Threading.CancellationToken cancellationToken = default) => default;
            public bool TryLoad(string id, out StoredSession? session) { session = null; return false; }
            public ValueTask<StoredSession?> TryLoadAsync(string id, System.Threading.CancellationToken cancellationToken = default) => default;
            public IReadOnlyList<string> List() => [];
            public ValueTask<IReadOnlyList<string>> ListAsync(System.Threading.CancellationToken cancellationToken = default) => default;
            public bool Exists(string id) => false;
            public ValueTask<bool> ExistsAsync(string id, System.Threading.CancellationToken cancellationToken = default) => default;
            public virtual bool Delete(string id) => false;
            ValueTask<bool> ISessionStore<StoredSession>.DeleteAsync(string id, System.Threading.CancellationToken cancellationToken) => default;
            public StoredSession Update(string id, Func<StoredSession?, StoredSession> change) => null!;
            public ValueTask<StoredSession> UpdateAsync(string id, Func<StoredSession?, StoredSession> change, System.Threading.CancellationToken cancellationToken = default) => default;
            public SessionRevision<StoredSession> LoadRevision(string id) => default!;
            public ValueTask<SessionRevision<StoredSession>> LoadRevisionAsync(string id, System.Threading.CancellationToken cancellationToken = default) => default;
            public string SaveIfMatch(StoredSession session, string? expectedETag) => "";
            public ValueTask<string> SaveIfMatchAsync(StoredSession session, string? expectedETag, System.Threading.CancellationToken cancellationToken = default) => default;
            public virtual void Log(string message) { }
        }

        // Overrides of contract members are store members (calls bind to the most derived override); what hides or is added is not.
        class RedisLikeStore : Custom
        {
            public override bool Delete(string id) => true;
            public override StoredSession Load(string id) => null!;
            public override void Log(string message) { }
            public bool Delete(string id, int attempts) => true;
        }

        sealed class DeeperStore : RedisLikeStore
        {
            public sealed override bool Delete(string id) => true;
        }

        sealed class HidingStore : Custom
        {
            public new bool Delete(string id) => true;
        }
        """;

    private static string InClass(string members) => $$"""
        class MyStore : FileSessionStore<StoredSession>
        {
            public MyStore() : base("d", null!, s => s.SessionId) { }
        }

        class Wrapping : FileSessionStore<StoredSession>
        {
            public Wrapping() : base("d", null!, s => s.SessionId) { }
            public void Delete(string id, bool quietly = true) { }
        }

        {{Custom}}

        class C
        {
            FileSessionStore store = new();
            FileSessionStore? maybe;
            MyStore derived = new();
            FileSessionStore<StoredSession> generic = new FileSessionStore();
            List<string> ids = new();
            string x = "x";

        {{members}}
        }
        """;

    [Theory]
    [InlineData("void M(string id) { {|SS0001:store.Delete(id)|}; }")]
    [InlineData("void M(string id) { {|SS0001:maybe?.Delete(id)|}; }")]
    [InlineData("async Task M(string id) { {|SS0001:await store.DeleteAsync(id)|}; }")]
    [InlineData("async Task M(string id) { {|SS0001:await store.DeleteAsync(id).ConfigureAwait(false)|}; }")]
    [InlineData("async Task M(string id) { {|SS0001:await store.DeleteAsync(id).AsTask()|}; }")]
    [InlineData("async Task M(string id) { {|SS0001:await maybe?.DeleteAsync(id).AsTask()!|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id)|}; }")]
    [InlineData("void M() { ids.ForEach(id => {|SS0001:store.Delete(id)|}); }")]
    [InlineData("void M() { ids.ForEach(delegate (string id) { {|SS0001:store.Delete(id)|}; }); }")]
    [InlineData("void M() { Action<string> drop = id => {|SS0001:store.Delete(id)|}; }")]
    [InlineData("void Drop() => {|SS0001:store.Delete(x)|};")]
    [InlineData("void M() { void Drop() => {|SS0001:store.Delete(x)|}; Drop(); }")]
    [InlineData("void M(string id) { {|SS0001:derived.Delete(id)|}; }")]
    [InlineData("void M(string id) { {|SS0001:generic.Delete(id)|}; }")]
    [InlineData("void M(string id) { {|SS0001:new FileSessionStore().Delete(id)|}; }")]
    [InlineData("void M(ISessionStore<StoredSession> any, string id) { {|SS0001:any.Delete(id)|}; }")]
    [InlineData("async Task M(ISessionStore<StoredSession> any, string id) { {|SS0001:await any.DeleteAsync(id)|}; }")]
    [InlineData("void M(string id) { ISessionStore<StoredSession> s = store; {|SS0001:s?.Delete(id)|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).GetAwaiter().GetResult()|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).ConfigureAwait(false).GetAwaiter().GetResult()|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).AsTask().GetAwaiter().GetResult()|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).AsTask().Wait()|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).AsTask().Wait(1000)|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).AsTask().Wait(TimeSpan.FromSeconds(1))|}; }")]
    [InlineData("void M(string id) { {|SS0001:maybe?.DeleteAsync(id).AsTask().Wait()|}; }")]
    [InlineData("void M(string id) { {|SS0001:store.DeleteAsync(id).Preserve()|}; }")]
    [InlineData("async Task M(string id) { {|SS0001:await store.DeleteAsync(id).AsTask().ConfigureAwait(false)|}; }")]
    [InlineData("void M() { ids.ForEach(id => {|SS0001:store.DeleteAsync(id).GetAwaiter().GetResult()|}); }")]
    [InlineData("void M(bool flag, string a, string b) { if (flag) {|SS0001:store.Delete(a)|}; else {|SS0001:store.Delete(b)|}; }")]
    [InlineData("void M(string a) { lock (ids) {|SS0001:store.Delete(a)|}; }")]
    [InlineData("void M(int kind, string a) { switch (kind) { case 1: {|SS0001:store.Delete(a)|}; break; } }")]
    [InlineData("void M(EventHandler h) { h += (sender, _) => {|SS0001:store.Delete(x)|}; }")]
    [InlineData("string Gone { set => {|SS0001:store.Delete(value)|}; }")]
    [InlineData("void M(Custom custom, string id) { {|SS0001:custom.Delete(id)|}; }")]
    [InlineData("void M(Custom custom, string id) { {|SS0001:((ISessionStore<StoredSession>)custom).DeleteAsync(id).AsTask().Wait()|}; }")]
    [InlineData("void M(RedisLikeStore redis, string id) { {|SS0001:redis.Delete(id)|}; }")]
    [InlineData("void M(DeeperStore deeper, string id) { {|SS0001:deeper.Delete(id)|}; }")]
    [InlineData("void M(RedisLikeStore redis, string id) { {|SS0001:redis?.Delete(id)|}; }")]
    [InlineData("void M(List<RedisLikeStore> stores, string id) { stores.ForEach(s => {|SS0001:s.Delete(id)|}); }")]
    public Task Fires(string member) => Verify.VerifyAsync(InClass(member));

    [Theory]
    [InlineData("void M(string id) { _ = store.Delete(id); }")]
    [InlineData("void M(string id) { _ = maybe?.Delete(id); }")]
    [InlineData("void M(string id) { var ok = store.Delete(id); }")]
    [InlineData("void M(string id) { if (store.Delete(id)) { } }")]
    [InlineData("bool M(string id) { return store.Delete(id); }")]
    [InlineData("void M(string id) { Console.WriteLine(store.Delete(id)); }")]
    [InlineData("void M() { Func<string, bool> f = store.Delete; }")]
    [InlineData("void M() { Func<string, bool> f = id => store.Delete(id); }")]
    [InlineData("bool Drop() => store.Delete(x);")]
    [InlineData("async Task<bool> M(string id) => await store.DeleteAsync(id);")]
    [InlineData("async Task M(string id) { bool ok = await store.DeleteAsync(id); }")]
    [InlineData("async Task M(string id) { if (!await store.DeleteAsync(id).ConfigureAwait(false)) { } }")]
    [InlineData("void M(string id) { var pending = store.DeleteAsync(id); }")]
    [InlineData("void M(string id) { bool all = ids.All(store.Delete); }")]
    [InlineData("void M(string id) { store.Save(new StoredSession(id, [], 0, 0)); }")]
    [InlineData("void M(string path) { File.Delete(path); }")]
    [InlineData("void M(Other other) { other.Delete(\"x\"); }")]
    [InlineData("void M(string id) { _ = store.DeleteAsync(id); }")]
    [InlineData("void M(string id) { _ = store.DeleteAsync(id).Result; }")]
    [InlineData("void M(string id) { _ = store.DeleteAsync(id).GetAwaiter().GetResult(); }")]
    [InlineData("void M(string id) { bool ok = store.DeleteAsync(id).AsTask().Result; }")]
    [InlineData("void M(string id) { if (!store.DeleteAsync(id).AsTask().Wait(1000)) { } }")]
    [InlineData("void M() { System.Linq.Expressions.Expression<Action<FileSessionStore>> e = s => s.Delete(\"x\"); }")]
    [InlineData("void M(string id) { Task.Run(() => store.Delete(id)); }")]
    [InlineData("async Task M() { await Task.WhenAll(ids.Select(i => store.DeleteAsync(i).AsTask())); }")]
    [InlineData("void M(string id) { store.Exists(id); }")]
    [InlineData("void M(Wrapping w, string id) { w.Delete(id); }")]
    [InlineData("void M(Custom custom) { custom.Delete(); }")]
    [InlineData("void M(RedisLikeStore redis, string id) { _ = redis.Delete(id); }")]
    [InlineData("void M(RedisLikeStore redis, string id) { redis.Delete(id, 3); }")]
    [InlineData("void M(HidingStore hiding, string id) { hiding.Delete(id); }")]
    public Task DoesNotFire(string member) => Verify.VerifyAsync(InClass(member) + "\nclass Other { public bool Delete(string id) => true; }");

    [Fact]
    public Task DoesNotFire_InGeneratedCode() =>
        Verify.VerifyAsync(Verifiers.AnalyzerVerifier<DeleteResultIgnoredAnalyzer>.GeneratedHeader + InClass("void M(string id) { store.Delete(id); }"));

    [Fact]
    public Task Message_NamesTheCall() =>
        Verify.VerifyAsync(
            InClass("void M(string id) { {|#0:store.DeleteAsync(id).GetAwaiter().GetResult()|}; }"),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(SessionStoreDiagnostics.DeleteResultIgnored)
                .WithLocation(0)
                .WithArguments("store.DeleteAsync(id)"));
}

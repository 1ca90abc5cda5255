using SessionStore.Analyzers.Rules;
using Verify = SessionStore.Analyzers.Tests.Verifiers.AnalyzerVerifier<SessionStore.Analyzers.Rules.DeleteResultIgnoredAnalyzer>;

namespace SessionStore.Analyzers.Tests.SS0001;

public sealed class DeleteResultIgnoredAnalyzerTests
{
    private static string InClass(string members) => $$"""
        class MyStore : FileSessionStore<StoredSession>
        {
            public MyStore() : base("d", null!, s => s.SessionId) { }
        }

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
    public Task DoesNotFire(string member) => Verify.VerifyAsync(InClass(member) + "\nclass Other { public bool Delete(string id) => true; }");

    [Fact]
    public Task DoesNotFire_InGeneratedCode() =>
        Verify.VerifyAsync(Verifiers.AnalyzerVerifier<DeleteResultIgnoredAnalyzer>.GeneratedHeader + InClass("void M(string id) { store.Delete(id); }"));

    [Fact]
    public Task Message_NamesTheCall() =>
        Verify.VerifyAsync(
            InClass("void M(string id) { store.Delete(id); }"),
            new Microsoft.CodeAnalysis.Testing.DiagnosticResult(SessionStoreDiagnostics.DeleteResultIgnored)
                .WithSpan(21, 21, 21, 37)
                .WithArguments("store.Delete(id)"));
}

using Microsoft.CodeAnalysis.Testing;
using SessionStore.Analyzers.Rules;
using Verify = SessionStore.Analyzers.Tests.Verifiers.AnalyzerVerifier<SessionStore.Analyzers.Rules.InvalidSessionIdConstantAnalyzer>;

namespace SessionStore.Analyzers.Tests.SS0003;

public sealed class InvalidSessionIdConstantAnalyzerTests
{
    private static string InMethod(string body) => $$"""
        class MyStore : FileSessionStore<StoredSession>
        {
            public MyStore() : base("d", null!, s => s.SessionId) { }
        }

        class C
        {
            const string Traversal = "../x";
            const string Good = "good-id";
            FileSessionStore store = new();
            MyStore mine = new();

            async Task M(string id)
            {
        {{body}}
            }
        }

        class Other { public void Load(string id) { } }
        """;

    [Theory]
    [InlineData("store.Load({|SS0003:\"../x\"|});")]
    [InlineData("store.Load({|SS0003:Traversal|});")]
    [InlineData("store.Load({|SS0003:\"a\" + \"/b\"|});")]
    [InlineData("_ = store.Exists({|SS0003:\"\"|});")]
    [InlineData("_ = store.Delete({|SS0003:\"CON\"|});")]
    [InlineData("_ = store.Delete({|SS0003:\"aux.json\"|});")]
    [InlineData("_ = store.TryLoad({|SS0003:\".hidden\"|}, out _);")]
    [InlineData("_ = await store.LoadAsync({|SS0003:\"a b\"|});")]
    [InlineData("_ = await store.DeleteAsync({|SS0003:\"trailing.\"|});")]
    [InlineData("_ = await store.ExistsAsync(id: {|SS0003:\"x/y\"|});")]
    [InlineData("_ = await store.TryLoadAsync({|SS0003:null|});")]
    [InlineData("_ = mine.Load({|SS0003:\"é\"|});")]
    [InlineData("store.Save(new StoredSession({|SS0003:\"../escape\"|}, [], 0, 0));")]
    public Task Fires(string body) => Verify.VerifyAsync(InMethod(body));

    [Theory]
    [InlineData("store.Load(\"good-id\");")]
    [InlineData("store.Load(Good);")]
    [InlineData("store.Load(id);")]
    [InlineData("store.Load(id + \"/x\");")]
    [InlineData("_ = store.Delete(\"COM10\");")]
    [InlineData("_ = store.Delete(\"a.b\");")]
    [InlineData("new Other().Load(\"../x\");")]
    [InlineData("File.Delete(\"../x\");")]
    [InlineData("store.Save(new StoredSession(\"ok\", [\"../not an id\"], 0, 0));")]
    [InlineData("_ = new FileSessionStore(\"../sessions\");")]
    public Task DoesNotFire(string body) => Verify.VerifyAsync(InMethod(body));

    [Fact]
    public Task Message_ShowsTheIdAndTheBrokenRule() =>
        Verify.VerifyAsync(
            InMethod("store.Load(\"../x\");"),
            new DiagnosticResult(SessionStoreDiagnostics.InvalidSessionIdConstant)
                .WithSpan(21, 12, 21, 18)
                .WithArguments("\"../x\"", "the id contains '/'; only A-Z, a-z, 0-9, '_', '-' and '.' are allowed"));
}

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
            public void Log(string message) { }
        }

        sealed class Ticket { [SessionId] public string Id { get; set; } = ""; public string Name { get; set; } = ""; }
        sealed record TicketRecord([property: SessionId] string Id, string Title);
        class BaseTicket { [SessionId] public virtual string Key { get; init; } = ""; }
        sealed class DerivedTicket : BaseTicket { public override string Key { get; init; } = ""; }
        sealed class ClassSession { public ClassSession(string id) { Id = id; } [SessionId] public string Id { get; } }

        {{SS0001.DeleteResultIgnoredAnalyzerTests.Custom}}

        class C
        {
            const string Traversal = "../x";
            const string Good = "good-id";
            FileSessionStore store = new();
            MyStore mine = new();

            async Task M(string id, StoredSession session, Ticket ticket, Custom custom, ISessionStore<StoredSession> any)
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
    [InlineData("store.Load({|SS0003:$\"{Good}/{Good}\"|});")]
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
    // Every id parameter of every store member, whatever its name.
    [InlineData("store.Fork(\"chat-1\", {|SS0003:\"../escape\"|});")]
    [InlineData("store.Fork({|SS0003:\"a b\"|}, \"chat-2\");")]
    [InlineData("store.Fork(newId: {|SS0003:\"x/y\"|}, sourceId: \"ok\");")]
    [InlineData("store.Append({|SS0003:\"x/y\"|}, [], 0, 0);")]
    [InlineData("_ = store.MoveToTrash({|SS0003:\"x y\"|});")]
    [InlineData("_ = store.Summarize({|SS0003:\"NUL\"|});")]
    [InlineData("store.Update({|SS0003:\"a/b\"|}, s => s!);")]
    [InlineData("_ = store.LoadRevision({|SS0003:\"a/b\"|});")]
    [InlineData("_ = await store.UpdateAsync({|SS0003:\"a/b\"|}, s => s!);")]
    [InlineData("_ = any.Load({|SS0003:\"../x\"|});")]
    [InlineData("_ = custom.Exists({|SS0003:\"../x\"|});")]
    [InlineData("_ = custom.Load(id: {|SS0003:\"../x\"|});")]
    // Session ids in object and `with` initialisers, record constructors and assignments.
    [InlineData("store.Save(session with { SessionId = {|SS0003:\"a/b\"|} });")]
    [InlineData("store.Save(new StoredSession(\"ok\", [], 0, 0) { SessionId = {|SS0003:\"a/b\"|} });")]
    [InlineData("store.Save(new StoredSession(SessionId: {|SS0003:\".x\"|}, Messages: [], InputTokens: 0, OutputTokens: 0));")]
    [InlineData("_ = new Ticket { Id = {|SS0003:\"a b\"|} };")]
    [InlineData("ticket.Id = {|SS0003:\"CON\"|};")]
    [InlineData("_ = new TicketRecord({|SS0003:\"a b\"|}, \"title\");")]
    [InlineData("_ = new TicketRecord(\"ok\", \"title\") with { Id = {|SS0003:\"x/y\"|} };")]
    [InlineData("_ = new DerivedTicket { Key = {|SS0003:\"x/y\"|} };")]
    // Overrides of contract members.
    [InlineData("_ = new RedisLikeStore().Load({|SS0003:\"../x\"|});")]
    [InlineData("_ = new DeeperStore().Delete({|SS0003:\"a b\"|});")]
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
    [InlineData("_ = store.SaveIfMatch(session, \"\\\"an etag, not an id\\\"\");")]
    [InlineData("_ = custom.SaveIfMatch(session, \"\\\"an etag\\\"\");")]
    [InlineData("_ = any.SaveIfMatchAsync(session, \"\\\"an etag\\\"\");")]
    [InlineData("mine.Log(\"a message, not an id\");")]
    [InlineData("_ = store.ListPage();")]
    [InlineData("_ = store.ListPage(SessionOrder.Recent, 10, \"r:1:a token, not an id\");")]
    [InlineData("_ = await store.ListPageAsync(pageToken: null);")]
    [InlineData("_ = store.RestoreFromQuarantine(\"a-session~1733570000~corrupt.json\");")]
    [InlineData("_ = store.DeleteFromQuarantine(\"a-session~1733570000~corrupt.json\");")]
    [InlineData("custom.Log(\"a message, not an id\");")]
    [InlineData("new RedisLikeStore().Log(\"an override of a method the contract does not have\");")]
    [InlineData("_ = new HidingStore().Delete(\"a b\");")]
    [InlineData("_ = new Ticket { Name = \"a b\" };")]
    [InlineData("_ = new TicketRecord(\"ok\", \"a title / not an id\");")]
    [InlineData("store.Save(session with { Messages = [\"../x\"] });")]
    [InlineData("_ = new ClassSession(\"a b\");")]
    [InlineData("_ = store.PruneOlderThan(DateTimeOffset.MinValue);")]
    public Task DoesNotFire(string body) => Verify.VerifyAsync(InMethod(body));

    [Fact]
    public Task Message_ShowsTheIdAndTheBrokenRule() =>
        Verify.VerifyAsync(
            InMethod("store.Load({|#0:\"../x\"|});"),
            new DiagnosticResult(SessionStoreDiagnostics.InvalidSessionIdConstant)
                .WithLocation(0)
                .WithArguments("\"../x\"", "the id contains '/'; only A-Z, a-z, 0-9, '_', '-' and '.' are allowed"));
}

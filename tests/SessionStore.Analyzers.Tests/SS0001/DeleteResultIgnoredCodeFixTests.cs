using SessionStore.Analyzers.CodeFixes;
using Verify = SessionStore.Analyzers.Tests.Verifiers.CodeFixVerifier<
    SessionStore.Analyzers.Rules.DeleteResultIgnoredAnalyzer,
    SessionStore.Analyzers.CodeFixes.DeleteResultIgnoredCodeFixProvider>;

namespace SessionStore.Analyzers.Tests.SS0001;

public sealed class DeleteResultIgnoredCodeFixTests
{
    private const string Discard = nameof(DeleteResultIgnoredCodeFixProvider.DiscardTitle);
    private const string Check = nameof(DeleteResultIgnoredCodeFixProvider.CheckTitle);

    private static string InClass(string members) => $$"""
        class C
        {
            FileSessionStore store = new();
            FileSessionStore? maybe;
            List<string> ids = new();
            string x = "x";

        {{members}}
        }
        """;

    [Theory]
    [InlineData(
        "    void M(string id) { {|SS0001:store.Delete(id)|}; }",
        "    void M(string id) { _ = store.Delete(id); }")]
    [InlineData(
        "    void M(string id) { {|SS0001:maybe?.Delete(id)|}; }",
        "    void M(string id) { _ = maybe?.Delete(id); }")]
    [InlineData(
        "    async Task M(string id) { {|SS0001:await store.DeleteAsync(id).ConfigureAwait(false)|}; }",
        "    async Task M(string id) { _ = await store.DeleteAsync(id).ConfigureAwait(false); }")]
    [InlineData(
        "    void M(string id) { {|SS0001:store.DeleteAsync(id)|}; }",
        "    void M(string id) { _ = store.DeleteAsync(id); }")]
    [InlineData(
        "    void M() { ids.ForEach(id => {|SS0001:store.Delete(id)|}); }",
        "    void M() { ids.ForEach(id => _ = store.Delete(id)); }")]
    [InlineData(
        "    void Drop() => {|SS0001:store.Delete(x)|};",
        "    void Drop() => _ = store.Delete(x);")]
    public Task DiscardTheResult(string source, string fixedSource) => Verify.VerifyAsync(InClass(source), InClass(fixedSource), Discard);

    [Fact]
    public Task CheckTheResult_OfAStatement() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    {|SS0001:store.Delete(id)|};
                }
            """),
        InClass("""
                void M(string id)
                {
                    if (!store.Delete(id))
                    {
                    }
                }
            """),
        Check);

    [Fact]
    public Task CheckTheResult_OfAConditionalAccess() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    {|SS0001:maybe?.Delete(id)|};
                }
            """),
        InClass("""
                void M(string id)
                {
                    if (maybe?.Delete(id) != true)
                    {
                    }
                }
            """),
        Check);

    [Fact]
    public Task CheckTheResult_OfAnAwait() => Verify.VerifyAsync(
        InClass("""
                async Task M(string id)
                {
                    {|SS0001:await store.DeleteAsync(id).ConfigureAwait(false)|};
                }
            """),
        InClass("""
                async Task M(string id)
                {
                    if (!await store.DeleteAsync(id).ConfigureAwait(false))
                    {
                    }
                }
            """),
        Check);

    [Fact]
    public Task CheckTheResult_OfADroppedTask_AwaitsItInAnAsyncMethod() => Verify.VerifyAsync(
        InClass("""
                async Task M(string id)
                {
                    {|SS0001:store.DeleteAsync(id)|};
                    await Task.Yield();
                }
            """),
        InClass("""
                async Task M(string id)
                {
                    if (!await store.DeleteAsync(id))
                    {
                    }
                    await Task.Yield();
                }
            """),
        Check);

    [Fact]
    public Task CheckTheResult_IsNotOfferedForADroppedTaskOutsideAnAsyncMethod() => Verify.VerifyNotOfferedAsync(
        InClass("    void M(string id) { {|SS0001:store.DeleteAsync(id)|}; }"),
        Check);

    [Fact]
    public Task CheckTheResult_InALambda_GivesItABlockBody() => Verify.VerifyAsync(
        InClass("""
                void M()
                {
                    ids.ForEach(id => {|SS0001:store.Delete(id)|});
                }
            """),
        InClass("""
                void M()
                {
                    ids.ForEach(id =>
                    {
                        if (!store.Delete(id))
                        {
                        }
                    });
                }
            """),
        Check);

    [Fact]
    public Task CheckTheResult_InAnExpressionBodiedMember_GivesItABlockBody() => Verify.VerifyAsync(
        InClass("""
                void Drop() => {|SS0001:store.Delete(x)|};
            """),
        InClass("""
                void Drop()
                {
                    if (!store.Delete(x))
                    {
                    }
                }
            """),
        Check);

    [Fact]
    public Task FixAll_DiscardsEveryIgnoredResult() => Verify.VerifyAsync(
        InClass("""
                async Task M(string id)
                {
                    {|SS0001:store.Delete(id)|};
                    {|SS0001:maybe?.Delete(id)|};
                    {|SS0001:await store.DeleteAsync(id)|};
                    ids.ForEach(i => {|SS0001:store.Delete(i)|});
                }
            """),
        InClass("""
                async Task M(string id)
                {
                    _ = store.Delete(id);
                    _ = maybe?.Delete(id);
                    _ = await store.DeleteAsync(id);
                    ids.ForEach(i => _ = store.Delete(i));
                }
            """),
        Discard,
        iterations: 4);

    [Fact]
    public Task FixAll_ChecksEveryIgnoredResult() => Verify.VerifyAsync(
        InClass("""
                async Task M(string id)
                {
                    {|SS0001:store.Delete(id)|};
                    {|SS0001:await store.DeleteAsync("b")|};
                }
            """),
        InClass("""
                async Task M(string id)
                {
                    if (!store.Delete(id))
                    {
                    }
                    if (!await store.DeleteAsync("b"))
                    {
                    }
                }
            """),
        Check,
        iterations: 2);
}

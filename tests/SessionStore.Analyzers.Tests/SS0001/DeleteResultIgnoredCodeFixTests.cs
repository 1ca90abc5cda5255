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

    [Theory]
    [InlineData("    void M(string id) { {|SS0001:store.DeleteAsync(id)|}; }")]
    [InlineData("    async Task M(string id) { {|SS0001:store.DeleteAsync(id)|}; await Task.Yield(); }")]
    [InlineData("    async Task M(string id) { lock (ids) { {|SS0001:store.DeleteAsync(id)|}; } await Task.Yield(); }")]
    public Task CheckTheResult_IsNotOfferedForADroppedTask(string member) => Verify.VerifyNotOfferedAsync(InClass(member), Check);

    [Theory]
    [InlineData("    void M(string id) { {|SS0001:store.DeleteAsync(id).AsTask().Wait(TimeSpan.FromSeconds(1))|}; }")]
    public Task NoFixIsOffered_ForAWaitWithATimeout(string member) => Task.WhenAll(
        Verify.VerifyNotOfferedAsync(InClass(member), Check),
        Verify.VerifyNotOfferedAsync(InClass(member), Discard));

    [Theory]
    [InlineData("    void M(EventHandler h) { h += (sender, _) => {|SS0001:store.Delete(x)|}; }")]
    [InlineData("    void M(string _) { {|SS0001:store.Delete(x)|}; }")]
    [InlineData("    int _; void M() { {|SS0001:store.Delete(x)|}; }")]
    [InlineData("    void M() { object _ = null!; {|SS0001:store.Delete(x)|}; }")]
    public Task Discard_IsNotOffered_WhereUnderscoreIsAVariable(string member) => Verify.VerifyNotOfferedAsync(InClass(member), Discard);

    [Fact]
    public Task Check_WhereUnderscoreIsALambdaParameter_GivesTheLambdaABlock() => Verify.VerifyAsync(
        InClass("""
                void M(EventHandler h)
                {
                    h += (sender, _) => {|SS0001:store.Delete(x)|};
                }
            """),
        InClass("""
                void M(EventHandler h)
                {
                    h += (sender, _) =>
                    {
                        if (!store.Delete(x))
                        {
                        }
                    };
                }
            """),
        Check);

    [Fact]
    public Task Check_InAnIfWithAnElse_KeepsTheElseWithItsIf() => Verify.VerifyAsync(
        InClass("""
                void M(bool flag, string a, string b)
                {
                    if (flag) {|SS0001:store.Delete(a)|}; else {|SS0001:store.Delete(b)|};
                }
            """),
        InClass("""
                void M(bool flag, string a, string b)
                {
                    if (flag)
                    {
                        if (!store.Delete(a))
                        {
                        }
                    }
                    else if (!store.Delete(b))
                    {
                    }
                }
            """),
        Check,
        iterations: 2);

    [Theory]
    [InlineData("while (ids.Count > 0)", "")]
    [InlineData("using (new MemoryStream())", "")]
    [InlineData("lock (ids)", "")]
    [InlineData("foreach (var i in ids)", "")]
    [InlineData("for (int i = 0; i < 1; i++)", "")]
    public Task Check_InAnEmbeddedStatement_WrapsItInABlock(string header, string unused) => Verify.VerifyAsync(
        InClass($$"""
                void M(string a)
                {
                    {{header}}
                        {|SS0001:store.Delete(a)|};{{unused}}
                }
            """),
        InClass($$"""
                void M(string a)
                {
                    {{header}}
                    {
                        if (!store.Delete(a))
                        {
                        }
                    }
                }
            """),
        Check);

    [Fact]
    public Task Check_InASwitchSection() => Verify.VerifyAsync(
        InClass("""
                void M(int kind, string a)
                {
                    switch (kind)
                    {
                        case 1:
                            {|SS0001:store.Delete(a)|};
                            break;
                    }
                }
            """),
        InClass("""
                void M(int kind, string a)
                {
                    switch (kind)
                    {
                        case 1:
                            if (!store.Delete(a))
                            {
                            }
                            break;
                    }
                }
            """),
        Check);

    [Theory]
    [InlineData(
        "{|SS0001:store.DeleteAsync(id).GetAwaiter().GetResult()|}",
        "_ = store.DeleteAsync(id).GetAwaiter().GetResult()",
        "if (!store.DeleteAsync(id).GetAwaiter().GetResult())")]
    [InlineData(
        "{|SS0001:store.DeleteAsync(id).AsTask().Wait()|}",
        "_ = store.DeleteAsync(id).AsTask().Result",
        "if (!store.DeleteAsync(id).AsTask().Result)")]
    [InlineData(
        "{|SS0001:maybe?.DeleteAsync(id).AsTask().Wait()|}",
        "_ = maybe?.DeleteAsync(id).AsTask().Result",
        "if (maybe?.DeleteAsync(id).AsTask().Result != true)")]
    [InlineData(
        "{|SS0001:store.DeleteAsync(id).ConfigureAwait(false).GetAwaiter().GetResult()|}",
        "_ = store.DeleteAsync(id).ConfigureAwait(false).GetAwaiter().GetResult()",
        "if (!store.DeleteAsync(id).ConfigureAwait(false).GetAwaiter().GetResult())")]
    public async Task SyncOverAsync_DiscardAndCheck(string source, string discarded, string checkHeader)
    {
        await Verify.VerifyAsync(
            InClass($"    void M(string id) {{ {source}; }}"),
            InClass($"    void M(string id) {{ {discarded}; }}"),
            Discard);
        await Verify.VerifyAsync(
            InClass($$"""
                    void M(string id)
                    {
                        {{source}};
                    }
                """),
            InClass($$"""
                    void M(string id)
                    {
                        {{checkHeader}}
                        {
                        }
                    }
                """),
            Check);
    }

    [Fact]
    public Task Check_InAnExpressionBodiedSetterAndConstructor() => Verify.VerifyAsync(
        InClass("""
                C(string id) => {|SS0001:store.Delete(id)|};

                string Gone
                {
                    set => {|SS0001:store.Delete(value)|};
                }
            """),
        InClass("""
                C(string id)
                {
                    if (!store.Delete(id))
                    {
                    }
                }

                string Gone
                {
                    set
                    {
                        if (!store.Delete(value))
                        {
                        }
                    }
                }
            """),
        Check,
        iterations: 2);

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
                    if (id.Length > 1) {|SS0001:store.Delete("c")|}; else {|SS0001:store.Delete("d")|};
                }
            """),
        InClass("""
                async Task M(string id)
                {
                    _ = store.Delete(id);
                    _ = maybe?.Delete(id);
                    _ = await store.DeleteAsync(id);
                    ids.ForEach(i => _ = store.Delete(i));
                    if (id.Length > 1) _ = store.Delete("c"); else _ = store.Delete("d");
                }
            """),
        Discard,
        iterations: 6);

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

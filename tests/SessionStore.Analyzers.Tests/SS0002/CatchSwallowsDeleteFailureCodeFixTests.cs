using SessionStore.Analyzers.CodeFixes;
using Verify = SessionStore.Analyzers.Tests.Verifiers.CodeFixVerifier<
    SessionStore.Analyzers.Rules.CatchSwallowsDeleteFailureAnalyzer,
    SessionStore.Analyzers.CodeFixes.CatchSwallowsDeleteFailureCodeFixProvider>;

namespace SessionStore.Analyzers.Tests.SS0002;

public sealed class CatchSwallowsDeleteFailureCodeFixTests
{
    private const string First = nameof(CatchSwallowsDeleteFailureCodeFixProvider.CatchFirstTitle);
    private const string Instead = nameof(CatchSwallowsDeleteFailureCodeFixProvider.CatchInsteadTitle);

    private static string InClass(string members) => $$"""
        class C
        {
            FileSessionStore store = new();

        {{members}}
        }
        """;

    [Fact]
    public Task CatchFirst_InsertsARethrowingClauseBeforeTheBroadOne() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                        Console.WriteLine("deleted");
                    }
                    catch (FileNotFoundException)
                    {
                    }
                    {|SS0002:catch (IOException e)|}
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            """),
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                        Console.WriteLine("deleted");
                    }
                    catch (FileNotFoundException)
                    {
                    }
                    catch (SessionDeleteException)
                    {
                        throw;
                    }
                    catch (IOException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            """),
        First);

    [Fact]
    public Task CatchFirst_QualifiesTheTypeWithoutAUsing() => Verify.VerifyAsync(
        InClass("""
                void M(SessionStore.FileSessionStore s)
                {
                    try
                    {
                        _ = s.Delete("a");
                    }
                    {|SS0002:catch|}
                    {
                    }
                }
            """).Replace("FileSessionStore store = new();", "", StringComparison.Ordinal),
        InClass("""
                void M(SessionStore.FileSessionStore s)
                {
                    try
                    {
                        _ = s.Delete("a");
                    }
                    catch (SessionDeleteException)
                    {
                        throw;
                    }
                    catch
                    {
                    }
                }
            """).Replace("FileSessionStore store = new();", "", StringComparison.Ordinal),
        First);

    [Fact]
    public Task CatchInstead_NarrowsTheType_KeepingTheVariable() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    {|SS0002:catch (IOException e)|}
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            """),
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    catch (SessionDeleteException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            """),
        Instead);

    [Fact]
    public Task CatchInstead_GivesABareCatchAType() => Verify.VerifyAsync(
        InClass("""
                async Task M(string id)
                {
                    try
                    {
                        if (!await store.DeleteAsync(id).ConfigureAwait(false))
                        {
                        }
                    }
                    {|SS0002:catch|}
                    {
                    }
                }
            """),
        InClass("""
                async Task M(string id)
                {
                    try
                    {
                        if (!await store.DeleteAsync(id).ConfigureAwait(false))
                        {
                        }
                    }
                    catch (SessionDeleteException)
                    {
                    }
                }
            """),
        Instead);

    [Fact]
    public Task CatchInstead_IsNotOffered_WhenSomethingElseInTheBlockCanThrow() => Verify.VerifyNotOfferedAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                        File.WriteAllText("log", id);
                    }
                    {|SS0002:catch (IOException)|}
                    {
                    }
                }
            """),
        Instead);

    [Fact]
    public Task FixAll_CatchFirst_FixesEveryTry() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    {|SS0002:catch (Exception)|}
                    {
                    }
                    try
                    {
                        _ = store.Delete("b");
                    }
                    {|SS0002:catch (IOException)|}
                    {
                    }
                }
            """),
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    catch (SessionDeleteException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                    }
                    try
                    {
                        _ = store.Delete("b");
                    }
                    catch (SessionDeleteException)
                    {
                        throw;
                    }
                    catch (IOException)
                    {
                    }
                }
            """),
        First,
        iterations: 2);

    [Fact]
    public Task FixAll_CatchInstead_FixesEveryTry() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    {|SS0002:catch (Exception)|}
                    {
                    }
                    try
                    {
                        _ = store.Delete("b");
                    }
                    {|SS0002:catch (IOException)|}
                    {
                    }
                }
            """),
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    catch (SessionDeleteException)
                    {
                    }
                    try
                    {
                        _ = store.Delete("b");
                    }
                    catch (SessionDeleteException)
                    {
                    }
                }
            """),
        Instead,
        iterations: 2);
}

using SessionStore.Analyzers.CodeFixes;
using Verify = SessionStore.Analyzers.Tests.Verifiers.CodeFixVerifier<
    SessionStore.Analyzers.Rules.CatchSwallowsDeleteFailureAnalyzer,
    SessionStore.Analyzers.CodeFixes.CatchSwallowsDeleteFailureCodeFixProvider>;

namespace SessionStore.Analyzers.Tests.SS0002;

public sealed class CatchSwallowsDeleteFailureCodeFixTests
{
    private const string Propagate = nameof(CatchSwallowsDeleteFailureCodeFixProvider.PropagateTitle);
    private const string OwnClause = nameof(CatchSwallowsDeleteFailureCodeFixProvider.OwnClauseTitle);

    private static string InClass(string members) => $$"""
        class C
        {
            FileSessionStore store = new();

        {{members}}
        }
        """;

    [Fact]
    public Task Propagate_InsertsARethrowingClauseBeforeTheBroadOne() => Verify.VerifyAsync(
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
        Propagate);

    [Fact]
    public Task Propagate_QualifiesTheTypeWithoutAUsing() => Verify.VerifyAsync(
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
        Propagate);

    [Fact]
    public Task OwnClause_CopiesTheHandler_KeepingTheVariableAndItsType() => Verify.VerifyAsync(
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
                    catch (IOException e) when (e is SessionDeleteException)
                    {
                        Console.WriteLine(e.Message);
                    }
                    catch (IOException e)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            """),
        OwnClause);

    [Fact]
    public Task OwnClause_OfABareCatch_CatchesTheTypeItself() => Verify.VerifyAsync(
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
                    catch
                    {
                    }
                }
            """),
        OwnClause);

    [Fact]
    public Task OwnClause_DropsAFilterThatIsTrueForTheException() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    {|SS0002:catch (Exception e)|} when (e is not OperationCanceledException)
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
                    catch (Exception e) when (e is SessionDeleteException)
                    {
                        Console.WriteLine(e.Message);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        Console.WriteLine(e.Message);
                    }
                }
            """),
        OwnClause);

    [Fact]
    public Task Propagate_GoesBeforeTheClause_AfterAFilteredOne() => Verify.VerifyAsync(
        InClass("""
                void M(string id, bool retry)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    catch (IOException) when (retry)
                    {
                    }
                    {|SS0002:catch (Exception)|}
                    {
                    }
                }
            """),
        InClass("""
                void M(string id, bool retry)
                {
                    try
                    {
                        _ = store.Delete(id);
                    }
                    catch (IOException) when (retry)
                    {
                    }
                    catch (SessionDeleteException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                    }
                }
            """),
        Propagate);

    [Fact]
    public Task FixAll_Propagate_FixesNestedTries() => Verify.VerifyAsync(
        InClass("""
                void M(string id)
                {
                    try
                    {
                        try
                        {
                            _ = store.Delete(id);
                        }
                        {|SS0002:catch (IOException)|}
                        {
                        }
                        _ = store.Delete("b");
                    }
                    {|SS0002:catch (Exception)|}
                    {
                    }
                }
            """),
        InClass("""
                void M(string id)
                {
                    try
                    {
                        try
                        {
                            _ = store.Delete(id);
                        }
                        catch (SessionDeleteException)
                        {
                            throw;
                        }
                        catch (IOException)
                        {
                        }
                        _ = store.Delete("b");
                    }
                    catch (SessionDeleteException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                    }
                }
            """),
        Propagate,
        iterations: 2);

    [Fact]
    public Task FixAll_Propagate_FixesEveryTry() => Verify.VerifyAsync(
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
        Propagate,
        iterations: 2);

    [Fact]
    public Task FixAll_OwnClause_FixesEveryTry() => Verify.VerifyAsync(
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
                    {|SS0002:catch (IOException e)|}
                    {
                        Console.WriteLine(e);
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
                    catch (Exception)
                    {
                    }
                    try
                    {
                        _ = store.Delete("b");
                    }
                    catch (IOException e) when (e is SessionDeleteException)
                    {
                        Console.WriteLine(e);
                    }
                    catch (IOException e)
                    {
                        Console.WriteLine(e);
                    }
                }
            """),
        OwnClause,
        iterations: 2);

    [Theory]
    [InlineData(Propagate)]
    [InlineData(OwnClause)]
    public Task NotOffered_ForTheAggregateExceptionOfParallel(string fix) => Verify.VerifyNotOfferedAsync(
        InClass("""
                void M(List<string> ids)
                {
                    try { Parallel.ForEach(ids, id => _ = store.Delete(id)); } {|SS0002:catch (Exception)|} { }
                }
            """),
        fix);

    [Fact]
    public Task Propagate_ADeleteInALambdaTheTryRuns() => Verify.VerifyAsync(
        InClass("""
                void M(List<string> ids)
                {
                    try { ids.ForEach(id => _ = store.Delete(id)); } {|SS0002:catch (IOException)|} { }
                }
            """),
        InClass("""
                void M(List<string> ids)
                {
                    try { ids.ForEach(id => _ = store.Delete(id)); } catch (SessionDeleteException) { throw; } catch (IOException) { }
                }
            """),
        Propagate);
}

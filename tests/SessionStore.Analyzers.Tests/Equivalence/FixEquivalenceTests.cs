using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SessionStore.Analyzers.CodeFixes;
using SessionStore.Analyzers.Rules;

namespace SessionStore.Analyzers.Tests.Equivalence;

/// <summary>
/// A fix is correct only if the program means the same: each fix is applied (one diagnostic at a time, and
/// with Fix All) to a program, and the program before and after are compiled and run in-process on the same
/// inputs (<see cref="Scripted.Inputs"/>); what they do must match. The one deliberate difference is
/// "Let SessionDeleteException propagate": where the original swallowed that exception, the fixed program
/// throws it, and nothing else changes. The programs put the flagged code where a user does: if/else
/// branches, loops, using, lock, switch sections, lambdas, expression bodies, async methods, with a
/// variable or parameter named <c>_</c> in scope.
/// </summary>
public sealed class FixEquivalenceTests
{
    private const string Discard = nameof(DeleteResultIgnoredCodeFixProvider.DiscardTitle);
    private const string Check = nameof(DeleteResultIgnoredCodeFixProvider.CheckTitle);
    private const string Propagate = nameof(CatchSwallowsDeleteFailureCodeFixProvider.PropagateTitle);
    private const string OwnClause = nameof(CatchSwallowsDeleteFailureCodeFixProvider.OwnClauseTitle);

    /// <summary>SS0001 programs, and the fixes that must be offered for them (the others must not be).</summary>
    private static readonly Dictionary<string, (string Program, string[] Offered)> IgnoredResults = new()
    {
        ["if-else"] = ("""
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    if (flag) store.Delete("a"); else store.Delete("b");
                    if (!flag) store.Delete("c"); else if (flag) store.Delete("d"); else store.Delete("e");
                    return "done";
                }
            }
            """, [Discard, Check]),
        ["loops"] = ("""
            public static class Program
            {
                public static int Run(Scripted store, bool flag)
                {
                    int n = 0;
                    while (n++ < 2) store.Delete("w" + n);
                    for (int i = 0; i < (flag ? 2 : 1); i++) store.Delete("f" + i);
                    foreach (var id in new[] { "x", "y" }) store.Delete(id);
                    do store.Delete("do"); while (false);
                    return n;
                }
            }
            """, [Discard, Check]),
        ["using-lock-switch"] = ("""
            public static class Program
            {
                private static readonly object Gate = new();

                public static string Run(Scripted store, bool flag)
                {
                    using (new MemoryStream()) store.Delete("u");
                    lock (Gate) store.Delete("l");
                    switch (flag)
                    {
                        case true:
                            store.Delete("s");
                            break;
                        default:
                            store.Delete("t");
                            goto case true;
                    }

                    label: store.Delete("label");
                    return "done";
                }
            }
            """, [Discard, Check]),
        ["lambdas-and-expression-bodies"] = ("""
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    Action<string> drop = id => store.Delete(id);
                    drop("lambda");
                    Action<string> anonymous = delegate (string id) { store.Delete(id); };
                    anonymous("anonymous");
                    void Local() => store.Delete("local");
                    Local();
                    Drop(store, flag ? "method-a" : "method-b");
                    new Holder(store).Gone = "setter";
                    return "done";
                }

                private static void Drop(Scripted store, string id) => store.Delete(id);

                private sealed class Holder
                {
                    private readonly Scripted _store;

                    public Holder(Scripted store) => _store = store;

                    public string Gone
                    {
                        set => _store.Delete(value);
                    }
                }
            }
            """, [Discard, Check]),
        ["underscore-in-scope"] = ("""
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    object _ = "kept";
                    store.Delete("a");
                    Func<object, object, string> handler = (sender, _) => { store.Delete("b"); return _?.ToString() ?? "none"; };
                    Action<object, string> typed = (sender, _) => store.Delete(_);
                    typed(store, "c");
                    return _ + " " + handler(store, flag ? "on" : "off");
                }
            }
            """, [Check]),
        ["async"] = ("""
            public static class Program
            {
                public static async Task<string> Run(Scripted store, bool flag)
                {
                    await store.DeleteAsync("a");
                    if (flag) await store.DeleteAsync("b").ConfigureAwait(false); else await store.DeleteAsync("c");
                    Func<Task> later = async () => await store.DeleteAsync("d");
                    await later();
                    Scripted? maybe = flag ? store : null;
                    maybe?.Delete("e");
                    return "done";
                }
            }
            """, [Discard, Check]),
        ["dropped-task-in-async-lock"] = ("""
            public static class Program
            {
                private static readonly object Gate = new();

                public static async Task<string> Run(Scripted store, bool flag)
                {
                    store.DeleteAsync("dropped");
                    lock (Gate)
                    {
                        store.DeleteAsync("in-lock");
                    }

                    await Task.Yield();
                    return "done";
                }
            }
            """, [Discard]),
        ["sync-over-async"] = ("""
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    store.DeleteAsync("a").GetAwaiter().GetResult();
                    store.DeleteAsync("b").AsTask().Wait();
                    store.DeleteAsync("c").ConfigureAwait(false).GetAwaiter().GetResult();
                    Scripted? maybe = flag ? store : null;
                    maybe?.DeleteAsync("d").AsTask().Wait();
                    if (flag) store.DeleteAsync("e").AsTask().GetAwaiter().GetResult();
                    return "done";
                }
            }
            """, [Discard, Check]),
    };

    /// <summary>SS0002 programs; both fixes are offered for each.</summary>
    private static readonly Dictionary<string, string> SwallowingCatches = new()
    {
        ["io-with-variable"] = """
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    try
                    {
                        return store.Delete("a") ? "deleted" : "absent";
                    }
                    catch (IOException e)
                    {
                        return "caught " + e.GetType().Name;
                    }
                }
            }
            """,
        ["handler-binds-by-static-type"] = """
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    try
                    {
                        _ = store.Delete("a");
                        return "done";
                    }
                    catch (IOException e)
                    {
                        return Describe(e);
                    }
                }

                private static string Describe(IOException e) => "io";

                private static string Describe(SessionDeleteException e) => "delete";
            }
            """,
        ["filter-excluding-cancellation"] = """
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    try
                    {
                        _ = store.Delete("a");
                        _ = store.Delete("b");
                        return "done";
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        return "caught " + e.GetType().Name;
                    }
                }
            }
            """,
        ["bare-catch-after-filtered"] = """
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    try
                    {
                        _ = store.Delete("a");
                        return "done";
                    }
                    catch (IOException) when (flag)
                    {
                        return "filtered";
                    }
                    catch
                    {
                        return "everything";
                    }
                }
            }
            """,
        ["rethrows-only-cancellation"] = """
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    try
                    {
                        _ = store.Delete("a");
                    }
                    catch (Exception ex)
                    {
                        if (ex is OperationCanceledException) throw;
                        return "logged " + ex.GetType().Name;
                    }

                    return "done";
                }
            }
            """,
        ["nested-and-async"] = """
            public static class Program
            {
                public static async Task<string> Run(Scripted store, bool flag)
                {
                    string inner = "none";
                    try
                    {
                        try
                        {
                            inner = await store.DeleteAsync("a") ? "deleted" : "absent";
                        }
                        catch (IOException)
                        {
                            inner = "inner";
                        }

                        if (flag) _ = await store.DeleteAsync("b");
                    }
                    catch (Exception e)
                    {
                        return inner + " outer " + e.GetType().Name;
                    }

                    return inner;
                }
            }
            """,
        ["in-delegates-run-in-the-try"] = """
            public static class Program
            {
                public static string Run(Scripted store, bool flag)
                {
                    var ids = new List<string> { "a", "b" };
                    try
                    {
                        if (flag) ids.ForEach(id => _ = store.Delete(id));
                        Func<string, bool> drop = store.Delete;
                        return "counted " + ids.Count(store.Delete) + " " + drop("c");
                    }
                    catch (IOException e)
                    {
                        return "logged " + e.GetType().Name;
                    }
                }
            }
            """,
        ["in-a-loop"] = """
            public static class Program
            {
                public static int Run(Scripted store, bool flag)
                {
                    int deleted = 0;
                    foreach (var id in new[] { "a", "b", "c" })
                    {
                        try
                        {
                            if (store.Delete(id)) deleted++;
                        }
                        catch (IOException)
                        {
                            if (flag) continue;
                            break;
                        }
                    }

                    return deleted;
                }
            }
            """,
    };

    public static TheoryData<string, string, bool> IgnoredResultCases() =>
        Cases(IgnoredResults.Keys, [Discard, Check]);

    public static TheoryData<string, string, bool> SwallowingCatchCases() =>
        Cases(SwallowingCatches.Keys, [Propagate, OwnClause]);

    [Theory]
    [MemberData(nameof(IgnoredResultCases))]
    public async Task DeleteResultIgnored_FixedProgram_DoesWhatTheOriginalDid(string program, string fix, bool fixAll)
    {
        (string source, string[] offered) = IgnoredResults[program];
        string before = Scripted.Source + source;
        string? after = await FixRunner.ApplyAsync(before, new DeleteResultIgnoredAnalyzer(), new DeleteResultIgnoredCodeFixProvider(), fix, fixAll);
        if (!offered.Contains(fix))
        {
            Assert.Null(after);
            return;
        }

        Assert.NotNull(after);
        AssertSameBehaviour(before, after, deleteFailureMayNowEscape: false);
    }

    [Theory]
    [MemberData(nameof(SwallowingCatchCases))]
    public async Task CatchSwallowsDeleteFailure_FixedProgram_DoesWhatTheOriginalDid(string program, string fix, bool fixAll)
    {
        string before = Scripted.Source + SwallowingCatches[program];
        string? after = await FixRunner.ApplyAsync(before, new CatchSwallowsDeleteFailureAnalyzer(), new CatchSwallowsDeleteFailureCodeFixProvider(), fix, fixAll);

        Assert.NotNull(after);
        AssertSameBehaviour(before, after, deleteFailureMayNowEscape: fix == Propagate);
    }

    private static TheoryData<string, string, bool> Cases(IEnumerable<string> programs, string[] fixes)
    {
        var data = new TheoryData<string, string, bool>();
        foreach (string program in programs)
        {
            foreach (string fix in fixes)
            {
                data.Add(program, fix, false);
                data.Add(program, fix, true);
            }
        }

        return data;
    }

    /// <summary>
    /// Both compile (the fixed one with no warning the original did not have), and every input gives the same
    /// calls and the same result; when <paramref name="deleteFailureMayNowEscape"/>, an input may instead end,
    /// after the same calls so far, in the SessionDeleteException the original swallowed, and some input must.
    /// </summary>
    private static void AssertSameBehaviour(string before, string after, bool deleteFailureMayNowEscape)
    {
        (byte[]? original, var originalDiagnostics) = ProgramRunner.Compile(before);
        (byte[]? fixedImage, var fixedDiagnostics) = ProgramRunner.Compile(after);
        Assert.True(original is not null, "The original does not compile:\n" + string.Join("\n", originalDiagnostics));
        Assert.True(fixedImage is not null, "The fixed program does not compile:\n" + string.Join("\n", fixedDiagnostics) + "\n" + after);
        Assert.Empty(fixedDiagnostics.Select(d => d.Id).Except(originalDiagnostics.Select(d => d.Id)));

        IReadOnlyList<string> expected = ProgramRunner.Run(original!, Scripted.Inputs);
        IReadOnlyList<string> actual = ProgramRunner.Run(fixedImage!, Scripted.Inputs);
        int escaped = 0;
        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i] == actual[i])
            {
                continue;
            }

            string calls = actual[i][..actual[i].IndexOf(" => ", StringComparison.Ordinal)];
            Assert.True(
                deleteFailureMayNowEscape && actual[i].EndsWith("=> threw SessionDeleteException", StringComparison.Ordinal) && expected[i].StartsWith(calls, StringComparison.Ordinal),
                $"Input {i} behaves differently after the fix:\n  before: {expected[i]}\n  after:  {actual[i]}\n{after}");
            escaped++;
        }

        if (deleteFailureMayNowEscape)
        {
            Assert.True(escaped > 0, "The fix was to let SessionDeleteException propagate, but no input shows it:\n" + after);
        }
    }
}

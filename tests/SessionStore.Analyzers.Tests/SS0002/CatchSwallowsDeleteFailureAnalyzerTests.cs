using Microsoft.CodeAnalysis.Testing;
using SessionStore.Analyzers.Rules;
using Verify = SessionStore.Analyzers.Tests.Verifiers.AnalyzerVerifier<SessionStore.Analyzers.Rules.CatchSwallowsDeleteFailureAnalyzer>;

namespace SessionStore.Analyzers.Tests.SS0002;

public sealed class CatchSwallowsDeleteFailureAnalyzerTests
{
    private static string InMethod(string body) => $$"""
        class C
        {
            FileSessionStore store = new();
            FileSessionStore? maybe;
            static void Log(Exception e) { }
            static bool IsTransient(Exception e) => false;
            bool retry;

            async Task M(string id, List<string> ids)
            {
        {{body}}
            }
        }

        class Other { public bool Delete(string id) => true; }
        """;

    [Theory]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException e)|} { Log(e); }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (SystemException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch|} { }")]
    [InlineData("try { _ = maybe?.Delete(id); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = await store.DeleteAsync(id); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { if (!await store.DeleteAsync(id).ConfigureAwait(false)) { } } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { Console.WriteLine(store.Delete(id)); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } catch (FileNotFoundException) { } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } catch (ArgumentException) { } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException) when (id.Length > 3) { } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { _ = store.Delete(id); } catch (SessionDeleteException) when (id.Length > 3) { } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException)|} { throw new InvalidOperationException(\"lost\"); }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException e)|} { Action a = () => throw e; }")]
    [InlineData("try { Drop(); } {|SS0002:catch (IOException)|} { } void Drop() => _ = store.Delete(id);")]
    [InlineData("void Drop() => _ = store.Delete(id); try { Drop(); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { try { _ = store.Delete(id); } finally { } } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException)|} { } finally { }")]
    [InlineData("try { _ = ((ISessionStore<StoredSession>)store).Delete(id); } {|SS0002:catch (Exception)|} { }")]
    // Rethrows only some other exception: the delete failure still ends up swallowed.
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { if (ex is OperationCanceledException) throw; Log(ex); }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { if (ex is ArgumentException || ex is OperationCanceledException) { throw; } else { Log(ex); } }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { switch (ex) { case OperationCanceledException: throw; default: Log(ex); break; } }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { switch (ex) { case OperationCanceledException: throw; case IOException io: Log(io); break; } }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { if (ex.GetType() == typeof(IOException)) throw; }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { if (ex == null) throw; }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} { throw new InvalidOperationException(ex.Message); }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException)|} { return; }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException)|} { for (;;) { break; } }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException)|} { do { Log(null!); } while (false); }")]
    [InlineData("foreach (var i in ids) { try { _ = store.Delete(i); } {|SS0002:catch (IOException)|} { continue; } }")]
    // Filters evaluated for what SessionDeleteException passes.
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} when (ex is not OperationCanceledException) { Log(ex); }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} when (ex is IOException) { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException ex)|} when (ex is not FileNotFoundException and not DirectoryNotFoundException) { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (IOException ex)|} when (ex is { }) { }")]
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception)|} when (true) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is OperationCanceledException) { } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is UnauthorizedAccessException || ex.InnerException is null) { } {|SS0002:catch (Exception)|} { }")]
    // Nested try flow: what an inner try lets out reaches the outer clauses.
    [InlineData("try { try { _ = store.Delete(id); } catch (SessionDeleteException) { throw; } } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { try { _ = store.Delete(id); } catch (FileNotFoundException) { } } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { try { _ = store.Delete(id); } catch (Exception ex) { if (ex is SessionDeleteException) throw; Log(ex); } } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { try { _ = store.Delete(id); } catch (IOException) when (retry) { } } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { try { _ = store.Delete(id); } catch (IOException) { if (retry) throw; } } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { try { } catch (Exception) { _ = store.Delete(id); } } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { try { _ = store.Delete(id); } finally { Log(null!); } } {|SS0002:catch (IOException)|} { }")]
    // Delegates that a call in the block runs before it returns.
    [InlineData("try { ids.ForEach(i => _ = store.Delete(i)); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { ids.ForEach(delegate (string i) { _ = store.Delete(i); }); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = ids.Count(store.Delete); } {|SS0002:catch (Exception)|} { return; }")]
    [InlineData("try { _ = ids.All(i => store.Delete(i)); } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { _ = ids.Select(store.Delete).ToList(); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = ids.Where(i => i.Length > 0).Select(i => store.Delete(i)).Count(); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { foreach (bool ok in ids.Select(store.Delete)) { } } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { Array.ForEach(ids.ToArray(), i => _ = store.Delete(i)); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { _ = ids.TrueForAll(store.Delete); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { ids.ForEach(Drop); } {|SS0002:catch (IOException)|} { } void Drop(string i) => _ = store.Delete(i);")]
    [InlineData("try { ids.ForEach(i => ids.ForEach(j => _ = store.Delete(j))); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { ids.ForEach(i => { try { _ = store.Delete(i); } catch (FileNotFoundException) { } }); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("try { Func<bool> drop = () => store.Delete(id); _ = drop(); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("Action drop = () => _ = store.Delete(id); try { drop(); } {|SS0002:catch (IOException)|} { }")]
    [InlineData("Func<string, bool> drop = store.Delete; try { _ = drop.Invoke(id); } {|SS0002:catch (IOException)|} { }")]
    // Parallel runs them too, and wraps what they throw in an AggregateException: only a clause that takes that swallows it.
    [InlineData("try { Parallel.ForEach(ids, i => _ = store.Delete(i)); } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { Parallel.Invoke(() => _ = store.Delete(id), () => { }); } {|SS0002:catch|} { }")]
    [InlineData("try { Parallel.For(0, ids.Count, i => _ = store.Delete(ids[i])); } catch (IOException) { } {|SS0002:catch (Exception)|} { }")]
    [InlineData("try { Parallel.ForEach(ids, i => _ = store.Delete(i)); } catch (SessionDeleteException) { throw; } {|SS0002:catch (Exception)|} { }")]
    // A filter on an interface of the framework's is not written for the library's errors.
    [InlineData("try { _ = store.Delete(id); } {|SS0002:catch (Exception ex)|} when (ex is System.Runtime.Serialization.ISerializable) { }")]
    public Task Fires(string body) => Verify.VerifyAsync(InMethod(body));

    [Theory]
    [InlineData("try { Console.WriteLine(id); } catch (IOException) { }")]
    [InlineData("try { _ = new Other().Delete(id); } catch (IOException) { }")]
    [InlineData("try { File.Delete(id); } catch (Exception) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (SessionDeleteException) { } catch (IOException) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (SessionDeleteException) { throw; } catch (Exception) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException) when (id.Length > 3) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException) { throw; }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException e) { throw e; }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException e) { throw new InvalidOperationException(\"wrapped\", e); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception e) { Log(e); throw; }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException) { throw; } catch (Exception) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (FileNotFoundException) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (ArgumentException) { } catch (InvalidOperationException) { }")]
    [InlineData("try { Action a = () => store.Delete(id); } catch (IOException) { }")]
    [InlineData("try { Func<bool> f = delegate { return store.Delete(id); }; } catch (IOException) { }")]
    [InlineData("try { } catch (IOException) { } bool Drop() => store.Delete(id);")]
    [InlineData("try { _ = store.Delete(id); } finally { }")]
    [InlineData("var pending = store.DeleteAsync(id); try { _ = await pending; } catch (IOException) { }")]
    // Handled on purpose: a clause, filter or branch that names SessionDeleteException.
    [InlineData("try { _ = store.Delete(id); } catch (IOException e) when (e is SessionDeleteException) { Log(e); } catch (IOException) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception e) when (e is SessionDeleteException || retry) { Log(e); } catch (Exception) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (ex is SessionDeleteException) { Log(ex); return; } Log(ex); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (ex is not SessionDeleteException) { Log(ex); return; } throw; }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { switch (ex) { case SessionDeleteException sde: Log(sde); break; default: Log(ex); break; } }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (ex.GetType() == typeof(SessionDeleteException)) throw; }")]
    // Nested try flow: an inner clause that handles it first keeps it from the outer one.
    [InlineData("try { try { _ = store.Delete(id); } catch (SessionDeleteException e) { Log(e); } } catch (IOException) { }")]
    [InlineData("try { try { _ = store.Delete(id); } catch (IOException e) when (e is SessionDeleteException) { } } catch (Exception) { }")]
    [InlineData("try { try { _ = store.Delete(id); } catch (IOException e) { throw new InvalidOperationException(\"wrapped\", e); } } catch (InvalidOperationException) { }")]
    // Rethrown on every path the exception can take.
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (ex is OperationCanceledException) return; throw; }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { Log(ex); System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex).Throw(); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { switch (ex) { case OperationCanceledException: return; default: throw; } }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception) { Environment.FailFast(\"unrecoverable\"); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { switch (ex) { case IOException: Log(ex); goto default; default: throw; } }")]
    // Decided at run time by something other than the exception's type.
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (retry) throw; Log(ex); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (!IsTransient(ex)) throw; }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (IsTransient(ex)) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is IOException { HResult: 5 }) { }")]
    [InlineData("for (int attempt = 0; ; attempt++) { try { _ = store.Delete(id); break; } catch (IOException) when (attempt < 3) { } }")]
    [InlineData("for (int attempt = 0; ; attempt++) { try { _ = store.Delete(id); break; } catch (IOException) { if (attempt == 3) throw; } }")]
    // A filter that SessionDeleteException never passes.
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is OperationCanceledException) { }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException ex) when (ex is FileNotFoundException or DirectoryNotFoundException) { }")]
    // Delegates that are not run before the call returns, or whose sequence is never enumerated there.
    [InlineData("try { _ = ids.Select(store.Delete); } catch (IOException) { }")]
    [InlineData("try { var pending = ids.Select(i => store.Delete(i)).Where(ok => ok); } catch (IOException) { }")]
    [InlineData("try { using var timer = new System.Threading.Timer(state => _ = store.Delete(id)); } catch (IOException) { }")]
    [InlineData("try { System.Threading.CancellationToken.None.Register(() => _ = store.Delete(id)); } catch (IOException) { }")]
    [InlineData("try { AppDomain.CurrentDomain.ProcessExit += (sender, e) => _ = store.Delete(id); } catch (IOException) { }")]
    [InlineData("try { _ = Task.Run(() => store.Delete(id)); } catch (IOException) { }")]
    [InlineData("try { _ = ids.AsQueryable().Count(i => store.Delete(i)); } catch (IOException) { }")]
    [InlineData("Action drop = () => _ = store.Delete(id); try { } catch (IOException) { } drop();")]
    [InlineData("try { ids.ForEach(i => { try { _ = store.Delete(i); } catch (SessionDeleteException) { } }); } catch (IOException) { }")]
    [InlineData("try { ids.ForEach(i => Console.WriteLine(i)); } catch (IOException) { }")]
    // What Parallel throws is an AggregateException: a clause for IOException never sees it; one for it is deliberate.
    [InlineData("try { Parallel.ForEach(ids, i => _ = store.Delete(i)); } catch (IOException) { }")]
    [InlineData("try { Parallel.ForEach(ids, i => _ = store.Delete(i)); } catch (AggregateException) { }")]
    [InlineData("try { Parallel.ForEach(ids, i => { try { _ = store.Delete(i); } catch (SessionDeleteException) { } }); } catch (Exception) { }")]
    // The library's error interface, named in a filter or a branch: its errors are handled on purpose.
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is ISessionError) { Log(ex); return; }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is ISessionError error) { Log(ex); }")]
    [InlineData("try { _ = store.Delete(id); } catch (IOException ex) when (ex is ISessionError) { } catch (Exception) { throw; }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) { if (ex is ISessionError) { Log(ex); return; } Log(ex); }")]
    [InlineData("try { _ = store.Delete(id); } catch (Exception ex) when (ex is not ISessionError) { Log(ex); }")]
    public Task DoesNotFire(string body) => Verify.VerifyAsync(InMethod(body));

    [Fact]
    public Task Message_NamesTheCaughtTypeAndTheDeleteCall() =>
        Verify.VerifyAsync(
            InMethod("try { _ = store.Delete(\"a\"); _ = store.Delete(id); } {|#0:catch (IOException)|} { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithLocation(0)
                .WithArguments("IOException", "store.Delete(\"a\")"));

    [Fact]
    public Task Message_NamesAMethodGroup() =>
        Verify.VerifyAsync(
            InMethod("try { _ = ids.Count(store.Delete); } {|#0:catch (IOException)|} { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithLocation(0)
                .WithArguments("IOException", "store.Delete"));

    [Fact]
    public Task Message_CallsABareCatchEverything() =>
        Verify.VerifyAsync(
            InMethod("try { _ = store.Delete(id); } {|#0:catch|} { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithLocation(0)
                .WithArguments("everything", "store.Delete(id)"));
}

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
    public Task DoesNotFire(string body) => Verify.VerifyAsync(InMethod(body));

    [Fact]
    public Task Message_NamesTheCaughtTypeAndTheDeleteCall() =>
        Verify.VerifyAsync(
            InMethod("try { _ = store.Delete(\"a\"); _ = store.Delete(id); } {|#0:catch (IOException)|} { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithLocation(0)
                .WithArguments("IOException", "store.Delete(\"a\")"));

    [Fact]
    public Task Message_CallsABareCatchEverything() =>
        Verify.VerifyAsync(
            InMethod("try { _ = store.Delete(id); } {|#0:catch|} { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithLocation(0)
                .WithArguments("everything", "store.Delete(id)"));
}

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

            async Task M(string id)
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
    public Task DoesNotFire(string body) => Verify.VerifyAsync(InMethod(body));

    [Fact]
    public Task Message_NamesTheCaughtTypeAndTheDeleteCall() =>
        Verify.VerifyAsync(
            InMethod("try { _ = store.Delete(\"a\"); _ = store.Delete(id); } catch (IOException) { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithSpan(15, 54, 15, 73)
                .WithArguments("IOException", "store.Delete(\"a\")"));

    [Fact]
    public Task Message_CallsABareCatchEverything() =>
        Verify.VerifyAsync(
            InMethod("try { _ = store.Delete(id); } catch { }"),
            new DiagnosticResult(SessionStoreDiagnostics.CatchSwallowsDeleteFailure)
                .WithSpan(15, 31, 15, 36)
                .WithArguments("everything", "store.Delete(id)"));
}

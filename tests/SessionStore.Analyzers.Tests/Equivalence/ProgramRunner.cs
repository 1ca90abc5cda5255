using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SessionStore.Analyzers.Tests.Verifiers;

namespace SessionStore.Analyzers.Tests.Equivalence;

/// <summary>
/// Compiles a program against .NET 10 and the real SessionStore.dll, loads it into a collectible
/// <see cref="AssemblyLoadContext"/> and runs its <c>Program.Run(Scripted store, bool flag)</c> for each input,
/// recording what can be observed: the store calls made, and what <c>Run</c> returned or threw.
/// </summary>
internal static class ProgramRunner
{
    internal static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    internal static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    internal static readonly ImmutableArray<MetadataReference> References =
        [.. Basic.Reference.Assemblies.Net100.References.All, TestReferences.SessionStore];

    /// <summary>The compiler's warnings and errors for <paramref name="source"/>, and its image when it has no error.</summary>
    internal static (byte[]? Image, ImmutableArray<Diagnostic> Diagnostics) Compile(string source)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Program" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source, ParseOptions)],
            References,
            CompilationOptions);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(image);
        ImmutableArray<Diagnostic> reported = [.. result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        return (result.Success ? image.ToArray() : null, reported);
    }

    /// <summary>What one run of <c>Program.Run</c> did, for each input, in input order.</summary>
    internal static IReadOnlyList<string> Run(byte[] image, IEnumerable<(string Script, bool Flag)> inputs)
    {
        var context = new AssemblyLoadContext("fix-equivalence", isCollectible: true);
        try
        {
            Assembly program = context.LoadFromStream(new MemoryStream(image));
            Type scripted = program.GetType("Scripted", throwOnError: true)!;
            MethodInfo run = program.GetType("Program", throwOnError: true)!.GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
            return inputs.Select(input => RunOnce(scripted, run, input.Script, input.Flag)).ToList();
        }
        finally
        {
            context.Unload();
        }
    }

    private static string RunOnce(Type scripted, MethodInfo run, string script, bool flag)
    {
        object store = Activator.CreateInstance(scripted, script)!;
        string outcome;
        try
        {
            object? result = run.Invoke(null, [store, flag]);
            outcome = "returned " + Describe(Await(result));
        }
        catch (Exception thrown)
        {
            outcome = "threw " + Unwrap(thrown).GetType().Name;
        }

        var log = (IEnumerable<string>)scripted.GetProperty("Log")!.GetValue(store)!;
        return $"[{script}, {flag}] {string.Join(" ", log)} => {outcome}";
    }

    /// <summary>The value of a returned task (waited for), or the value itself.</summary>
    private static object? Await(object? result)
    {
        switch (result)
        {
            case Task task:
                task.GetAwaiter().GetResult();
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                valueTask.GetAwaiter().GetResult();
                return null;
            default:
                if (result?.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
                {
                    return Await(type.GetMethod("AsTask")!.Invoke(result, null));
                }

                return result;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "nothing",
        string text => "\"" + text + "\"",
        _ => value.ToString() ?? "?",
    };

    private static Exception Unwrap(Exception thrown) =>
        thrown is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : thrown;
}

using System.Diagnostics;
using SessionStore.Generators.Tests.TestSupport;

namespace SessionStore.Generators.Tests.CommandLine;

/// <summary>
/// The real command-line compiler of the installed SDK (csc), with SessionStore.Generators.dll as an
/// analyzer: the SSG diagnostics come from the generator, so a compile error in a declaration elsewhere
/// (which stops csc before it runs analyzers) does not hide them, and <c>#pragma</c> and
/// <c>.editorconfig</c> still apply to them.
/// </summary>
public sealed class CompilerCommandLineTests : IDisposable
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using SessionStore;

        public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<string> Turns);

        [JsonSerializable(typeof(ChatSession))]
        internal partial class AppJsonContext : JsonSerializerContext { }

        [SessionStore(typeof(ChatSession), typeof(AppJsonContext))]
        public class ChatStore { }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-csc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ADeclarationErrorElsewhere_DoesNotHideTheGeneratorsDiagnostic()
    {
        string output = await CompileAsync(Source + "\nclass Broken : MissingBase { }\n");

        Assert.Contains("error CS0246", output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(11,14): error SSG0001", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditorConfig_SetsTheSeverity()
    {
        string output = await CompileAsync(Source, editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.SSG0001.severity = warning\n");

        Assert.Contains("Program.cs(11,14): warning SSG0001", output, StringComparison.Ordinal);
        Assert.DoesNotContain("error", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pragma_Suppresses()
    {
        string output = await CompileAsync(Source.Replace("[SessionStore(", "#pragma warning disable SSG0001\n[SessionStore(", StringComparison.Ordinal));

        Assert.DoesNotContain("SSG0001", output, StringComparison.Ordinal);
    }

    private async Task<string> CompileAsync(string source, string? editorConfig = null)
    {
        string program = Path.Combine(_directory, "Program.cs");
        await File.WriteAllTextAsync(program, source);
        var arguments = new List<string>
        {
            InstalledSdk.Compiler, "-nologo", "-noconfig", "-nostdlib", "-t:library", "-langversion:latest", "-nullable:enable",
            "-out:" + Path.Combine(_directory, "Program.dll"),
            "-r:" + typeof(FileSessionStore).Assembly.Location,
            "-analyzer:" + Path.Combine(AppContext.BaseDirectory, "SessionStore.Generators.dll"),
            "-analyzer:" + InstalledSdk.JsonSourceGenerator,
        };
        arguments.AddRange(InstalledSdk.ReferenceAssemblies.Select(r => "-r:" + r));
        if (editorConfig is not null)
        {
            string path = Path.Combine(_directory, ".editorconfig");
            await File.WriteAllTextAsync(path, editorConfig);
            arguments.Add("-analyzerconfig:" + path);
        }

        arguments.Add(program);
        var info = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory };
        using Process csc = Process.Start(info)!;
        Task<string> stdout = csc.StandardOutput.ReadToEndAsync();
        Task<string> stderr = csc.StandardError.ReadToEndAsync();
        await csc.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return await stdout + await stderr;
    }
}

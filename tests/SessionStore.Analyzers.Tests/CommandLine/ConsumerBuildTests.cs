using System.Diagnostics;

namespace SessionStore.Analyzers.Tests.CommandLine;

/// <summary>
/// A fresh project, outside the repository, that references SessionStore and its analyzers as a user
/// would, built with the real `dotnet build`: the rules report at build time, not only in tests.
/// </summary>
public sealed class ConsumerBuildTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sessionstore-consumer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DotnetBuild_ReportsSS0001_SS0002_AndSS0003()
    {
        string bin = AppContext.BaseDirectory;
        File.WriteAllText(Path.Combine(_directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="{Path.Combine(bin, "SessionStore.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "SessionStore.Analyzers.dll")}" />
                <Analyzer Include="{Path.Combine(bin, "SessionStore.Analyzers.CodeFixes.dll")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(_directory, "Program.cs"), """
            using SessionStore;

            var store = new FileSessionStore();
            store.Delete("planted");
            try
            {
                _ = store.Delete("other");
            }
            catch (IOException)
            {
            }

            _ = store.Exists("../escape");
            """);

        var info = new ProcessStartInfo("dotnet", ["build", "-nologo", "-clp:NoSummary", "-p:TreatWarningsAsErrors=false"])
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process build = Process.Start(info)!;
        Task<string> stdout = build.StandardOutput.ReadToEndAsync();
        Task<string> stderr = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        string output = await stdout + await stderr;

        Assert.Contains("Program.cs(4,1): warning SS0001", output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(9,1): warning SS0002", output, StringComparison.Ordinal);
        Assert.Contains("Program.cs(13,18): error SS0003", output, StringComparison.Ordinal);
        Assert.NotEqual(0, build.ExitCode);
    }
}

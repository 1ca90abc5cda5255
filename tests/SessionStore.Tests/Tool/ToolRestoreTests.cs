using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Tool;

/// <summary>A first `dotnet run` of the tool restores nothing that prints NuGet warnings: no Roslyn Workspaces in its restore graph.</summary>
public sealed class ToolRestoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TheToolsRestoreGraph_HoldsNoCodeFixesAndNoWorkspaces()
    {
        string graph = _temp.Combine("graph.json");
        ProcessRunner.Result result = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", ["msbuild", Path.Combine(RepositoryLayout.Root, "src", "SessionStore.Tool"), "-t:GenerateRestoreGraphFile", $"-p:RestoreGraphOutputPath={graph}", "-nologo"]),
            TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.DoesNotContain("warning", result.StandardOutput, StringComparison.OrdinalIgnoreCase);

        // Every project restored for the tool, and every package each depends on (the central version list names all, so it is not read).
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(graph));
        JsonElement[] projects = document.RootElement.GetProperty("projects").EnumerateObject().Select(p => p.Value).ToArray();
        string[] names = projects.Select(p => Path.GetFileName(p.GetProperty("restore").GetProperty("projectPath").GetString()!)).ToArray();
        string[] packages = projects
            .SelectMany(p => p.TryGetProperty("frameworks", out JsonElement frameworks) ? frameworks.EnumerateObject() : Enumerable.Empty<JsonProperty>())
            .SelectMany(f => f.Value.TryGetProperty("dependencies", out JsonElement dependencies) ? dependencies.EnumerateObject().Select(d => d.Name) : [])
            .ToArray();
        Assert.Contains("SessionStore.Tool.csproj", names);
        Assert.Contains("SessionStore.csproj", names);
        Assert.Contains("System.CommandLine", packages);
        Assert.DoesNotContain(names, n => n.Contains("CodeFixes", StringComparison.Ordinal));
        Assert.DoesNotContain(packages, p => p.Contains("Workspaces", StringComparison.Ordinal));
    }
}

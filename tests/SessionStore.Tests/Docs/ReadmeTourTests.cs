using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Docs;

/// <summary>The README's short tour, compiled (warnings as errors) and run as it stands, against the library these tests use.</summary>
public sealed class ReadmeTourTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TheShortTour_CompilesAndRuns()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "README.md"));
        int section = readme.IndexOf("## A short tour", StringComparison.Ordinal);
        int start = readme.IndexOf("```csharp\n", section, StringComparison.Ordinal) + "```csharp\n".Length;
        string tour = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        Assert.Contains("store.Restore(\"chat-42\")", tour, StringComparison.Ordinal);

        string project = _temp.Combine("tour");
        ConsoleProject.Write(project, "Tour", $"""<Reference Include="SessionStore" HintPath="{Path.Combine(AppContext.BaseDirectory, "SessionStore.dll")}" />""", warningsAsErrors: true);
        File.WriteAllText(Path.Combine(project, "Program.cs"), tour);

        ProcessRunner.Result build = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", ["build", "-nologo", "-clp:NoSummary", "-o", Path.Combine(project, "out")], workingDirectory: project), TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.StandardOutput + build.StandardError);

        string work = _temp.Combine("work");
        Directory.CreateDirectory(work);
        ProcessRunner.Result run = await ProcessRunner.RunAsync("dotnet", [Path.Combine(project, "out", "Tour.dll")], workingDirectory: work);
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);

        var store = new FileSessionStore(Path.Combine(work, ".port_sessions"));
        Assert.Equal(["chat-42", "chat-7"], store.List());
        Assert.Equal(["chat-7"], store.ListPinned());
        Assert.Equal(["hi", "another turn"], store.Load("chat-7").Messages);
    }
}

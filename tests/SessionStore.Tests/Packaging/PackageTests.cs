using System.IO.Compression;
using System.Text.RegularExpressions;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Packaging;

/// <summary>
/// `dotnet pack` into a temp folder, then a fresh console project outside the repository that
/// references the package from that folder (beside the configured source), built and run for real.
/// </summary>
[Collection(RepositoryBuildsCollection.Name)]
public sealed class PackageTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task TheOnePackage_CarriesEverything_AndAFreshProjectUsesIt()
    {
        // A unique version and a private package cache: a re-pack is never served stale from ~/.nuget/packages.
        string version = "0.2.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        string feed = _temp.Combine("feed");
        string packages = _temp.Combine("packages");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages };

        ProcessRunner.Result pack = await RunAsync(RepositoryLayout.Root, environment,
            "pack", Path.Combine(RepositoryLayout.Root, "src", "SessionStore"), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nologo");
        Assert.True(pack.ExitCode == 0, pack.StandardOutput + pack.StandardError);

        string nupkg = Path.Combine(feed, $"SessionStore.{version}.nupkg");
        using (ZipArchive archive = ZipFile.OpenRead(nupkg))
        {
            string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("lib/net10.0/SessionStore.dll", entries);
            Assert.Contains("lib/net10.0/SessionStore.xml", entries);
            Assert.Contains("analyzers/dotnet/cs/SessionStore.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SessionStore.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/SessionStore.Analyzers.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
            using var nuspec = new StreamReader(archive.GetEntry("SessionStore.nuspec")!.Open());
            string manifest = await nuspec.ReadToEndAsync();
            Assert.Contains("<license type=\"expression\">MIT</license>", manifest, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", manifest, StringComparison.Ordinal);
            Assert.Contains("<repository type=\"git\"", manifest, StringComparison.Ordinal);
            // AddFileSessionStore: the platform's registration, options and logging abstractions, and nothing else
            // (ActivitySource, Meter and IMeterFactory are in the runtime).
            Assert.Equal(
                ["Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options"],
                Regex.Matches(manifest, "<dependency id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));
        }

        string consumer = _temp.Combine("consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        ConsoleProject.Write(consumer, "Consumer", $"""<PackageReference Include="SessionStore" Version="{version}" />""");
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using System.Text.Json.Nodes;
            using System.Text.Json.Serialization;
            using SessionStore;

            var store = new ChatStore(args[0]);
            store.Save(new ChatSession("c1", ["hi"]));
            File.WriteAllText(Path.Combine(args[0], "old.json"), "{\"Id\": \"old\", \"text\": \"legacy\"}");
            Console.WriteLine($"{store.Load("c1").Lines[0]} {store.Load("old").Lines[0]} {string.Join(",", store.List())}");
            store.Delete("c1");

            public sealed record ChatSession([property: SessionId] string Id, IReadOnlyList<string> Lines);

            [JsonSerializable(typeof(ChatSession))]
            internal partial class AppJsonContext : JsonSerializerContext;

            [SessionStore(typeof(ChatSession), typeof(AppJsonContext), SchemaVersion = 2)]
            public partial class ChatStore
            {
                [SessionMigration(1)]
                static void From1(JsonObject session) => session["Lines"] = new JsonArray(session["text"]!.GetValue<string>());
            }
            """);

        ProcessRunner.Result build = await RunAsync(consumer, environment, "build", "-nologo", "-clp:NoSummary");
        string buildLog = build.StandardOutput + build.StandardError;
        Assert.True(build.ExitCode == 0, buildLog);
        Assert.Contains("Program.cs(9,1): warning SS0001", buildLog, StringComparison.Ordinal);

        ProcessRunner.Result run = await RunAsync(consumer, environment, "run", "--no-build", "--", _temp.Combine("data"));
        Assert.True(run.ExitCode == 0, run.StandardOutput + run.StandardError);
        Assert.Equal("hi legacy c1,old\n", run.StandardOutput);
    }

    private static Task<ProcessRunner.Result> RunAsync(string workingDirectory, Dictionary<string, string> environment, params string[] args)
    {
        var process = ProcessRunner.Start("dotnet", args, workingDirectory: workingDirectory, environment: environment);
        return ProcessRunner.WaitAsync(process, TimeSpan.FromMinutes(10));
    }
}

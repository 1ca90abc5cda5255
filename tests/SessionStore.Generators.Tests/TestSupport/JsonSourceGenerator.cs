using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SessionStore.Generators.Tests.TestSupport;

/// <summary>
/// The System.Text.Json source generator of the installed .NET SDK (from the reference pack's analyzers),
/// so the tests compile stores over real generated JSON contexts, as a user's build does.
/// </summary>
internal static class JsonSourceGenerator
{
    private static readonly Lazy<ISourceGenerator> Loaded = new(Load);

    internal static ISourceGenerator Instance => Loaded.Value;

    private static ISourceGenerator Load()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <dotnet>/packs/Microsoft.NETCore.App.Ref/<version>/analyzers/...
        string dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        string path = Directory.GetDirectories(Path.Combine(dotnet, "packs", "Microsoft.NETCore.App.Ref"))
            .Select(pack => (Version: Version.Parse(Path.GetFileName(pack).Split('-')[0]), Path: Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll")))
            .Where(pack => File.Exists(pack.Path))
            .OrderByDescending(pack => pack.Version)
            .First().Path;
        Type generator = Assembly.LoadFrom(path).GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return ((IIncrementalGenerator)Activator.CreateInstance(generator)!).AsSourceGenerator();
    }
}

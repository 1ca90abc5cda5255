namespace SessionStore.Generators.Tests.TestSupport;

/// <summary>The .NET SDK the tests run on: its command-line compiler, reference assemblies and JSON source generator.</summary>
internal static class InstalledSdk
{
    /// <summary><c>&lt;dotnet&gt;</c>, from <c>&lt;dotnet&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/System.Private.CoreLib.dll</c>.</summary>
    private static readonly string Dotnet = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));

    private static readonly string ReferencePack = Newest(Directory.GetDirectories(Path.Combine(Dotnet, "packs", "Microsoft.NETCore.App.Ref")));

    internal static readonly string Compiler = Path.Combine(
        Newest(Directory.GetDirectories(Path.Combine(Dotnet, "sdk")).Where(sdk => File.Exists(Path.Combine(sdk, "Roslyn", "bincore", "csc.dll")))),
        "Roslyn", "bincore", "csc.dll");

    internal static readonly string JsonSourceGenerator = Path.Combine(ReferencePack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");

    internal static readonly string[] ReferenceAssemblies = Directory.GetFiles(Path.Combine(ReferencePack, "ref", "net10.0"), "*.dll");

    /// <summary>The directory named with the highest version (<c>10.0.401</c>, <c>10.0.12</c>).</summary>
    private static string Newest(IEnumerable<string> versioned) =>
        versioned.OrderByDescending(directory => Version.Parse(Path.GetFileName(directory).Split('-')[0])).First();
}

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
        Type generator = Assembly.LoadFrom(InstalledSdk.JsonSourceGenerator).GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract);
        return ((IIncrementalGenerator)Activator.CreateInstance(generator)!).AsSourceGenerator();
    }
}

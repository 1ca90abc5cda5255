namespace SessionStore.Tests.Tool;

/// <summary>Tests that redirect the process's console run alone: nothing else may print meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

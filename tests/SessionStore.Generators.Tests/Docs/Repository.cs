namespace SessionStore.Generators.Tests.Docs;

/// <summary>The repository's root: the directory above the tests' output that holds SessionStore.sln.</summary>
internal static class Repository
{
    internal static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SessionStore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No SessionStore.sln above " + AppContext.BaseDirectory);
    }
}

namespace SessionStore.Tests.TestSupport;

/// <summary>Finds the repository's root (the folder holding SessionStore.sln) and the reference module beside it.</summary>
public static class RepositoryLayout
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string SeedDirectory => Path.GetFullPath(Path.Combine(Root, "..", "shared", "seed"));

    private static string FindRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No SessionStore.sln above {AppContext.BaseDirectory}.");
    }
}

namespace SessionStore.Viewer.Tests.Support;

/// <summary>Where the browser tests leave their screenshots and timings: TestResults/viewer at the repository's root.</summary>
public static class Artifacts
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(RepositoryRoot, "TestResults", "viewer")).FullName;

    public static string Of(string name) => Path.Combine(Directory, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the tests run outside the repository");
    }
}

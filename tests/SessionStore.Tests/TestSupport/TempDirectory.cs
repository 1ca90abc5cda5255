namespace SessionStore.Tests.TestSupport;

/// <summary>A real, empty directory under the system temp folder, removed when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("sessionstore-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>A path inside this directory that does not exist yet: the store's directory in most tests.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Every file and directory below this one, relative and sorted, to prove that nothing was created.</summary>
    public string[] Snapshot() =>
        Directory.EnumerateFileSystemEntries(Path, "*", SearchOption.AllDirectories)
            .Select(p => System.IO.Path.GetRelativePath(Path, p))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

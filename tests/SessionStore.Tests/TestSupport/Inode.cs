namespace SessionStore.Tests.TestSupport;

/// <summary>A file's inode number, as stat(1) prints it: the same number means the same file (an in-place write), a new one a file renamed over it.</summary>
public static class Inode
{
    public static async Task<string> Of(string path) => (await ProcessRunner.RunAsync("stat", ["-c", "%i", path])).StandardOutput.Trim();
}

using SessionStore.Storage.Platform;

namespace SessionStore.Tests.TestSupport;

/// <summary>
/// Which file access this run's stores use: <see cref="FileSystemPlatform.Auto"/> is the hardened one on Linux
/// unless SESSIONSTORE_PLATFORM=portable moves the whole suite onto the portable one (docs/reliability.md#platforms).
/// Tests whose guarantee differs between the two say so with these, instead of being skipped.
/// </summary>
public static class TestPlatform
{
    /// <summary>Whether this run's default stores use the portable platform.</summary>
    public static bool IsPortable => StorePlatform.For(FileSystemPlatform.Auto).Kind == FileSystemPlatform.Portable;

    /// <summary>
    /// Asserts what an append did to the session's file: the hardened platform extends the same file in place (same
    /// inode); the portable one cannot name a file, so it rewrites the file whole (a new inode) every time.
    /// </summary>
    public static void AssertAppendedInPlace(ulong inodeBefore, ulong inodeAfter)
    {
        if (IsPortable)
        {
            Assert.NotEqual(inodeBefore, inodeAfter);
        }
        else
        {
            Assert.Equal(inodeBefore, inodeAfter);
        }
    }
}

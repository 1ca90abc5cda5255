namespace SessionStore.Tests.TestSupport;

/// <summary>Publishes a sample of this repository as trimmed NativeAOT for linux-x64, for real.</summary>
public static class NativeAot
{
    /// <summary>Publishes <c>samples/&lt;sample&gt;</c> into <paramref name="output"/>; fails on any trim, AOT or ILC warning, or a build that is not native.</summary>
    /// <returns>The native binary's path.</returns>
    public static async Task<string> PublishSampleAsync(string sample, string binaryName, string output)
    {
        string project = Path.Combine(RepositoryLayout.Root, "samples", sample);
        ProcessRunner.Result publish = await ProcessRunner.WaitAsync(
            ProcessRunner.Start("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-clp:NoSummary"]),
            TimeSpan.FromMinutes(10));
        string log = publish.StandardOutput + publish.StandardError;

        Assert.True(publish.ExitCode == 0, log);
        // Trim analysis (IL2xxx), AOT analysis (IL3xxx) and ILC warnings; restore's NU1603 notes are not about the binary.
        Assert.DoesNotMatch(@"warning IL\d{4}|analysis warning|ILC: warning|ILCompiler.*warning", log);
        string binary = Path.Combine(output, binaryName);
        Assert.True(File.Exists(binary), "no native binary at " + binary);
        Assert.False(File.Exists(binary + ".dll"), "the output is not a native build");
        return binary;
    }
}

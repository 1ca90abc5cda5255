namespace SessionStore.Viewer.Tests.Support;

/// <summary>Debian's chromium, found on PATH at run time (the launcher script works as Playwright's ExecutablePath).</summary>
public static class Chromium
{
    public static string? Find()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in (string[])["chromium", "chromium-browser"])
            {
                string candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Skips a test where chromium is missing, except in CI (CI=true), where a missing browser is a failure.</summary>
    public static string Require()
    {
        string? found = Find();
        if (found is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            throw new SkipException("chromium is not installed (apt-get install -y chromium); CI=true makes this a failure");
        }

        return found ?? throw new InvalidOperationException("chromium is not on PATH: .ci/run installs it (apt-get install -y chromium)");
    }
}

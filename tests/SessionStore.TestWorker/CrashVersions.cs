namespace SessionStore.TestWorker;

/// <summary>The known contents of the crash harness: version n of a session is a pure function of its id and n.</summary>
public static class CrashVersions
{
    public static StoredSession Make(string id, long version)
    {
        // Odd versions are large (about 300 KB, many pages to tear), even ones small.
        int count = version % 2 == 1 ? 3000 : 3;
        string[] messages = new string[count];
        for (int i = 0; i < count; i++)
        {
            messages[i] = $"{id} v{version} m{i} " + new string((char)('a' + (int)(version % 26)), 80);
        }

        return new StoredSession(id, messages, version, count);
    }

    public static long VersionOf(StoredSession session) => session.InputTokens;
}

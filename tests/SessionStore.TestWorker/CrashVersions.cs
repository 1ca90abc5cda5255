using System.Globalization;

namespace SessionStore.TestWorker;

/// <summary>
/// The known contents of the crash harness: step n of a session is a pure function of its id and n. Every
/// fourth step (1, 5, 9, ...) rewrites the session whole; the steps between append one message to it, so
/// kills land in both kinds of write. The input token count is the step.
/// </summary>
public static class CrashVersions
{
    public static bool IsRewrite(long step) => step % 4 == 1;

    public static StoredSession Make(string id, long step)
    {
        long rewrite = step - ((step - 1) % 4 + 4) % 4;
        // Every other rewrite is large (about 300 KB, many pages to tear), the others small.
        int count = rewrite % 8 == 1 ? 3000 : 3;
        var messages = new List<string>(count + 3);
        for (int i = 0; i < count; i++)
        {
            messages.Add($"{id} v{rewrite} m{i} " + new string((char)('a' + (int)(rewrite % 26)), 80));
        }

        for (long appended = rewrite + 1; appended <= step; appended++)
        {
            messages.Add(Appended(id, appended));
        }

        return new StoredSession(id, messages, step, messages.Count);
    }

    /// <summary>The message that step <paramref name="step"/> appends.</summary>
    public static string Appended(string id, long step) => string.Create(CultureInfo.InvariantCulture, $"{id} appended at step {step} \u00e9\u4e2d");

    public static long VersionOf(StoredSession session) => session.InputTokens;
}

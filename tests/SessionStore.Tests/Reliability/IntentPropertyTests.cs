using System.Text;
using SessionStore.Interop;
using SessionStore.Storage;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// A property over many random rounds: a crash during an append (the file left untouched, torn at any byte,
/// or complete, with its intent recorded as the append records it), then, before any writer of ours, a
/// random foreign writer: nothing, an in-place save (of the old session, of the appended one, of another),
/// a delete, a delete and re-create with the same first turns, a copy renamed over it, a touch. Afterwards a
/// reader and the next writer must agree, and whatever the foreign writer left must be exactly what stays.
/// </summary>
public sealed class IntentPropertyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private enum Foreign
    {
        None,
        SaveOldInPlace,
        SaveAppendedInPlace,
        SaveOtherInPlace,
        Delete,
        DeleteAndRecreateOld,
        CopyRenamedOver,
        Touch,
    }

    [Fact]
    public void AnIntentOnlyEverAppliesToTheFileVersionItWasMadeFor()
    {
        var random = new Random(20261207);
        FileSessionStore store = Sessions.HardenedStore(_temp.Combine("store"));
        string path = Path.Combine(store.DirectoryPath, "p.json");
        string other = Enumerable.Range(0, 10_000).Select(i => "o" + i).First(o => SessionFileLayout.LockFileName(o) == SessionFileLayout.LockFileName("p"));
        var counts = new Dictionary<Foreign, int>();
        for (int round = 0; round < 400; round++)
        {
            var old = new StoredSession("p", [.. Enumerable.Range(0, random.Next(0, 4)).Select(i => $"m{i}-{round}")], random.Next(0, 99), random.Next(0, 99));
            var appended = new StoredSession("p", [.. old.Messages, "appended ü " + new string('x', random.Next(0, 40))], old.InputTokens + random.Next(0, 9), old.OutputTokens + 1);
            byte[] before = Bytes(store, old);
            byte[] complete = Bytes(store, appended);
            int offset = (int)SessionStore.Serialization.ReferenceTail.Find(before, 0)!.Value.Offset;
            int written = random.Next(4) switch { 0 => 0, 1 => complete.Length - offset, _ => random.Next(1, complete.Length - offset) };
            FileVersion marked = CrashState(store, path, before, complete, offset, written);

            var foreign = (Foreign)random.Next(Enum.GetValues<Foreign>().Length);
            counts[foreign] = counts.GetValueOrDefault(foreign) + 1;
            if (foreign != Foreign.None)
            {
                WaitForTheClockToPass(marked); // a foreign writer comes after the crash, in a later clock tick
            }

            byte[]? left = Apply(foreign, store, path, before, complete, old);
            string context = $"round {round}: {foreign}, {written} of {complete.Length - offset} tail bytes written";

            if (left is null)
            {
                Assert.False(store.Exists("p"), context);
            }
            else if (foreign == Foreign.None)
            {
                Assert.Equal(appended, store.Load("p"));
            }
            else if (foreign != Foreign.Touch)
            {
                Assert.Equal(Encoding.UTF8.GetString(left), Encoding.UTF8.GetString(File.ReadAllBytes(path)));
                Assert.Equal(IsSession(left) ? store.Load("p") : null, IsSession(left) ? Parse(left) : null);
            }

            StoredSession? read = store.TryLoad("p", out StoredSession? loaded) ? loaded : null;
            store.Save(new StoredSession(other, ["any writer of the stripe"], 0, 0));
            Assert.Empty(UnlockedFile.ReadAllBytes(SessionFileLayout.LockPath(store.DirectoryPath, "p")));
            if (left is null)
            {
                Assert.False(File.Exists(path), context);
            }
            else if (foreign == Foreign.None)
            {
                Assert.Equal(complete, File.ReadAllBytes(path));
            }
            else
            {
                Assert.True(left.AsSpan().SequenceEqual(File.ReadAllBytes(path)), context + ": the writer changed what the foreign writer left");
            }

            Assert.Equal(read, store.TryLoad("p", out StoredSession? after) ? after : null);
            Assert.Equal(left is not null, store.Delete("p"));
        }

        Assert.All(Enum.GetValues<Foreign>(), f => Assert.True(counts.GetValueOrDefault(f) >= 20, $"{f}: {counts.GetValueOrDefault(f)} rounds"));
    }

    /// <summary>What the store writes for <paramref name="session"/> (the reference format, byte for byte).</summary>
    private byte[] Bytes(FileSessionStore store, StoredSession session)
    {
        var scratch = Sessions.HardenedStore(Path.Combine(_temp.Path, "scratch"));
        scratch.Save(session);
        return File.ReadAllBytes(Path.Combine(scratch.DirectoryPath, session.SessionId + ".json"));
    }

    /// <summary>The state a crash leaves: the file marked, its intent recorded for the marked version, and <paramref name="written"/> bytes of the new tail in place.</summary>
    private static FileVersion CrashState(FileSessionStore store, string path, byte[] before, byte[] complete, int offset, int written)
    {
        store.Save(new StoredSession("p", [], 0, 0)); // the store's lock file and directory exist
        File.WriteAllBytes(path, before);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        FileVersion marked = Version(path);
        int windowStart = Math.Max(0, offset - AppendIntent.WindowLength);
        File.WriteAllBytes(SessionFileLayout.LockPath(store.DirectoryPath, "p"),
            AppendIntent.Encode("p", offset, marked, before.AsSpan(windowStart, offset - windowStart), before.AsSpan(offset), complete.AsSpan(offset)));
        if (written > 0)
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.Position = offset;
            file.Write(complete.AsSpan(offset, written));
        }

        return marked;
    }

    private byte[]? Apply(Foreign foreign, FileSessionStore store, string path, byte[] before, byte[] complete, StoredSession old)
    {
        byte[] otherSession = Bytes(store, old with { Messages = [.. old.Messages, "python's own turn"] });
        switch (foreign)
        {
            case Foreign.None:
                return complete;
            case Foreign.SaveOldInPlace:
                File.WriteAllBytes(path, before); // open(O_TRUNC) and write, as Python's write_text
                return before;
            case Foreign.SaveAppendedInPlace:
                File.WriteAllBytes(path, complete);
                return complete;
            case Foreign.SaveOtherInPlace:
                File.WriteAllBytes(path, otherSession);
                return otherSession;
            case Foreign.Delete:
                File.Delete(path);
                return null;
            case Foreign.DeleteAndRecreateOld:
                File.Delete(path);
                File.WriteAllBytes(path, before);
                return before;
            case Foreign.CopyRenamedOver:
                string copy = path + ".copy";
                File.WriteAllBytes(copy, before);
                File.Move(copy, path, overwrite: true);
                return before;
            case Foreign.Touch:
                byte[] now = File.ReadAllBytes(path);
                File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
                return IsSession(now) ? now : complete;
            default:
                throw new ArgumentOutOfRangeException(nameof(foreign));
        }
    }

    /// <summary>Whether a touched file was whole already (a touch writes no bytes: a torn file stays torn and is completed).</summary>
    private bool IsSession(byte[] content)
    {
        var judge = Sessions.HardenedStore(Path.Combine(_temp.Path, "judge"));
        judge.Save(new StoredSession("p", [], 0, 0));
        File.WriteAllBytes(Path.Combine(judge.DirectoryPath, "p.json"), content);
        try
        {
            return judge.TryLoad("p", out _);
        }
        catch (SessionCorruptException)
        {
            return false;
        }
    }

    private StoredSession Parse(byte[] content)
    {
        var judge = Sessions.HardenedStore(Path.Combine(_temp.Path, "parse"));
        judge.Save(new StoredSession("p", [], 0, 0));
        File.WriteAllBytes(Path.Combine(judge.DirectoryPath, "p.json"), content);
        return judge.Load("p");
    }

    private static FileVersion Version(string path)
    {
        using FileDescriptor file = Posix.TryOpen(path, OpenFlags.ReadOnly, out _)!;
        return FileVersion.Of(Posix.Stat(file, path));
    }

    private void WaitForTheClockToPass(FileVersion marked)
    {
        string probe = _temp.Combine("clock-probe");
        FileVersion seen;
        do
        {
            File.WriteAllBytes(probe, [1]);
            seen = Version(probe);
        }
        while ((seen.ChangeSeconds, seen.ChangeNanoseconds).CompareTo((marked.ChangeSeconds, marked.ChangeNanoseconds)) <= 0);
    }
}

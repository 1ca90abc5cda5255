using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// A directory written by SessionStore 0.1, whose appends went to <c>.&lt;id&gt;.journal</c> beside the
/// session's file: after the upgrade no acknowledged turn in such a journal is lost. The journals here are
/// written byte for byte in 0.1's format (header stamp of the file, checksummed records, a torn tail).
/// </summary>
public sealed class LegacyJournalTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly FileSessionStore _store;

    public LegacyJournalTests()
    {
        _store = Sessions.FastStore(_temp.Combine("store"));
        _store.Save(new StoredSession("s", ["one"], 1, 1));
    }

    public void Dispose() => _temp.Dispose();

    private string JournalPath => Path.Combine(_store.DirectoryPath, ".s.journal");

    private static StoredSession Whole => new("s", ["one", "two", "three", "f\u00f6ur"], 1 + 2 + 3, 1 + 20 + 30);

    /// <summary>Writes the journal 0.1 wrote after two appends, with a third torn by a crash.</summary>
    private void WriteVersion01Journal()
    {
        string file = Path.Combine(_store.DirectoryPath, "s.json");
        byte[] content = File.ReadAllBytes(file);
        byte[] edges = [.. content[..Math.Min(4096, content.Length)], .. content[Math.Max(0, content.Length - 4096)..]];
        string header = $"SSJ1 {content.Length} {File.GetLastWriteTimeUtc(file).Ticks} {Hex(edges)}\n";
        byte[] torn = Record(["never acknowledged"], 9, 9)[..20];
        File.WriteAllBytes(JournalPath, [.. Encoding.ASCII.GetBytes(header), .. Record(["two"], 2, 20), .. Record(["three", "f\u00f6ur"], 3, 30), .. torn]);
    }

    private static byte[] Record(string[] messages, long input, long output)
    {
        var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("messages");
            Array.ForEach(messages, writer.WriteStringValue);
            writer.WriteEndArray();
            writer.WriteNumber("input_tokens", input);
            writer.WriteNumber("output_tokens", output);
            writer.WriteEndObject();
        }

        return [.. Encoding.ASCII.GetBytes(Hex(json.ToArray()) + " "), .. json.ToArray(), (byte)'\n'];
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes)[..8]);

    [Fact]
    public void TheNextWrite_FoldsTheJournalIn_BeforeItChangesTheFile()
    {
        WriteVersion01Journal();
        StoreProblem reported = Assert.Single(_store.Check().Problems);
        Assert.Equal((StoreProblemKind.LegacyJournal, "s", false), (reported.Kind, reported.SessionId, reported.Repaired));
        Assert.Contains("2 append(s) not yet in the session's file", reported.Description, StringComparison.Ordinal);

        _store.Append("s", ["five"], 4, 5);

        Assert.Equal(Whole with { Messages = [.. Whole.Messages, "five"], InputTokens = Whole.InputTokens + 4, OutputTokens = Whole.OutputTokens + 5 }, _store.Load("s"));
        Assert.False(File.Exists(JournalPath));
        Assert.Empty(_store.Check().Problems);
    }

    [Fact]
    public void VerifyRepair_FoldsIt_IntoTheFileThePythonModuleWouldWrite()
    {
        WriteVersion01Journal();

        StoreProblem repaired = Assert.Single(_store.Check(repair: true).Problems);

        Assert.True(repaired.Repaired, repaired.Description);
        Assert.Equal(Whole, _store.Load("s"));
        Assert.False(File.Exists(JournalPath));
        byte[] folded = File.ReadAllBytes(Path.Combine(_store.DirectoryPath, "s.json"));
        _store.Save(Whole);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_store.DirectoryPath, "s.json")), folded);
    }

    [Fact]
    public void AJournalDetachedFromItsFile_IsNeverApplied_AndRepairMovesItIntoQuarantine()
    {
        WriteVersion01Journal();
        byte[] journal = File.ReadAllBytes(JournalPath);
        File.SetLastWriteTimeUtc(Path.Combine(_store.DirectoryPath, "s.json"), DateTime.UtcNow.AddMinutes(-5)); // touched after the appends

        _store.Append("s", ["five"], 0, 0);

        Assert.Equal(["one", "five"], _store.Load("s").Messages);
        Assert.True(File.Exists(JournalPath));
        StoreProblem reported = Assert.Single(_store.Check().Problems);
        Assert.False(reported.Repaired);
        Assert.Contains("does not match the session's file", reported.Description, StringComparison.Ordinal);

        StoreProblem moved = Assert.Single(_store.Check(repair: true).Problems);
        Assert.True(moved.Repaired, moved.Description);
        Assert.False(File.Exists(JournalPath));
        string quarantined = Assert.Single(Directory.GetFiles(Path.Combine(_store.DirectoryPath, ".quarantine"), "s.*.journal"));
        Assert.Equal(journal, File.ReadAllBytes(quarantined));
        Assert.Empty(_store.Check().Problems);
        Assert.Equal(["one", "five"], _store.Load("s").Messages);
    }

    [Fact]
    public void AStale256MiBJournal_IsNeverReadWhole_ByTheWritersOfItsSession()
    {
        using (FileStream stale = File.Create(JournalPath))
        {
            stale.Write("SSJ1 1 0 0000000000000000\n"u8); // the header of another version of the file
            stale.SetLength(256L * 1024 * 1024);
        }

        _store.Append("s", ["warm up"], 0, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 4; i++)
        {
            _store.Append("s", ["turn " + i], 1, 1);
            _store.Save(_store.Load("s"));
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 4L * 1024 * 1024, $"8 writes allocated {allocated:N0} bytes beside a stale 256 MiB journal");
        Assert.Equal(6, _store.Load("s").Messages.Count);
        Assert.Contains(_store.Check().Problems, p => p.Kind == StoreProblemKind.LegacyJournal && !p.Repaired);
    }

    [Fact]
    public void AMatchingJournalLargerThanASessionMayBe_IsNotReadWhole_AndIsReported()
    {
        var small = new FileSessionStore(_store.DirectoryPath, new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 64 * 1024 });
        WriteVersion01Journal();
        using (FileStream journal = File.OpenWrite(JournalPath))
        {
            journal.SetLength(1024 * 1024); // its header matches the file; the rest is too much to fold
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        small.Append("s", ["five"], 0, 0);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 512 * 1024, "the oversized journal was read");
        Assert.Equal(["one", "five"], small.Load("s").Messages);
        Assert.Contains(small.Check().Problems, p => p.Kind == StoreProblemKind.LegacyJournal && p.Description.Contains("larger than a session may be", StringComparison.Ordinal));
    }
}

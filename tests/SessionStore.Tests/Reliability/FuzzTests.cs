using System.Text;
using CsCheck;
using SessionStore.Tests.TestSupport;

namespace SessionStore.Tests.Reliability;

/// <summary>
/// Hostile and broken input at scale (CsCheck): 100,000 generated ids through every member, and 10,000
/// mutated session files through every reading member. Only documented exceptions escape, nothing
/// outside the store's directory is touched, and no load changes a file.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private static readonly StoredSession Seed = new("m", ["hello", "wörld 😀", "line\nbreak \"quoted\""], 12, 34);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Ids from several alphabets: the valid one, path and device tricks, and any character at all.</summary>
    private static readonly Gen<string> Ids = Gen.Frequency(
        (4, Gen.String[Gen.Char["abcXYZ019_-."], 1, 12]),
        (2, Gen.String[Gen.Char["./\\:*?\"<>|~$% \t\0aA"], 0, 8]),
        (1, Gen.OneOf(Gen.Const("CON"), Gen.Const("aux.json"), Gen.Const("LPT9.x"), Gen.Const("Nul"), Gen.Const("COM1"))),
        (1, Gen.String[Gen.Char, 0, 20]),
        (1, Gen.String[Gen.Char["ab."], 127, 130]));

    [Fact]
    public void HundredThousandIds_OnlyDocumentedExceptions_NothingOutsideTheDirectory()
    {
        string outside = _temp.Combine("outside.json");
        File.WriteAllText(outside, "{}");
        var store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false });
        Directory.CreateDirectory(store.DirectoryPath);
        long tried = 0;

        Ids.Sample(id =>
        {
            Interlocked.Increment(ref tried);
            bool valid = SessionIdRules.IsValid(id);
            if (!valid)
            {
                Assert.Throws<InvalidSessionIdException>(() => store.Exists(id));
                Assert.Throws<InvalidSessionIdException>(() => store.TryLoad(id, out _));
                Assert.Throws<InvalidSessionIdException>(() => store.Load(id));
                Assert.Throws<InvalidSessionIdException>(() => _ = store.Delete(id));
                Assert.Throws<InvalidSessionIdException>(() => store.Save(Seed with { SessionId = id }));
                Assert.Throws<InvalidSessionIdException>(() => store.Update(id, s => s!));
                return;
            }

            // Valid ids: a real round trip for some, reads for all; ids differing only in case may race, both outcomes are fine.
            _ = store.Exists(id);
            _ = store.TryLoad(id, out _);
            if (id.GetHashCode() % 16 == 0)
            {
                store.Save(Seed with { SessionId = id });
                _ = store.Delete(id);
            }
        }, iter: 100_000);

        Assert.Equal(100_000, tried);
        Assert.Equal(["outside.json", "store"], Directory.GetFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("{}", File.ReadAllText(outside));
        Assert.All(Directory.GetFileSystemEntries(store.DirectoryPath), e => Assert.True(Path.GetFileName(e) == ".locks" || SessionIdRules.IsValid(Path.GetFileNameWithoutExtension(e))));
    }

    /// <summary>A valid file, then one of: bit flips, a truncation, deep nesting, a huge string, invalid UTF-8, random bytes.</summary>
    private static readonly Gen<byte[]> MutatedFiles =
        Gen.Int[0, 5].SelectMany(kind => Gen.Int[0, int.MaxValue].Select(seed => Mutate(kind, new Random(seed))));

    [Fact]
    public void TenThousandMutatedFiles_LoadOrAreCorrupt_AndStayAsTheyWere()
    {
        var store = new FileSessionStore(_temp.Combine("store"), new FileSessionStoreOptions { Durable = false, MaxSessionBytes = 4 * 1024 * 1024 });
        Directory.CreateDirectory(store.DirectoryPath);
        string path = Path.Combine(store.DirectoryPath, "m.json");
        int loaded = 0, corrupt = 0;

        MutatedFiles.Sample(bytes =>
        {
            File.WriteAllBytes(path, bytes);
            try
            {
                StoredSession session = store.Load("m");
                Assert.Equal("m", session.SessionId);
                Assert.True(session.InputTokens >= 0 && session.OutputTokens >= 0);
                Assert.DoesNotContain(null, session.Messages);
                loaded++;
            }
            catch (SessionCorruptException error)
            {
                Assert.Equal(path, error.Path);
                corrupt++;
            }

            Assert.True(store.Exists("m"));
            Assert.Equal(["m"], store.List());
            Assert.Equal(bytes, File.ReadAllBytes(path));
        }, iter: 10_000, threads: 1);

        Assert.Equal(10_000, loaded + corrupt);
        Assert.True(corrupt > 1000, $"only {corrupt} of 10,000 mutations were corrupt: the mutations are too gentle");
    }

    private static byte[] Mutate(int kind, Random random)
    {
        byte[] valid = Encoding.UTF8.GetBytes(
            "{\n  \"session_id\": \"m\",\n  \"messages\": [\n    \"hello\",\n    \"w\\u00f6rld 😀\",\n    \"line\\nbreak \\\"quoted\\\"\"\n  ],\n  \"input_tokens\": 12,\n  \"output_tokens\": 34\n}");
        switch (kind)
        {
            case 0: // bit flips
                for (int i = random.Next(1, 6); i > 0; i--)
                {
                    valid[random.Next(valid.Length)] ^= (byte)(1 << random.Next(8));
                }

                return valid;
            case 1: // truncation
                return valid[..random.Next(valid.Length)];
            case 2: // deep nesting where a message belongs
                int depth = random.Next(10, 5000);
                return Splice(valid, "\"hello\"", new string('[', depth) + new string(']', depth));
            case 3: // a huge string
                return Splice(valid, "\"hello\"", "\"" + new string('x', random.Next(100_000, 2_000_000)) + "\"");
            case 4: // invalid UTF-8 inside a string
                byte[] invalid = [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF];
                int at = Array.IndexOf(valid, (byte)'h');
                return [.. valid[..at], invalid[random.Next(invalid.Length)], .. valid[at..]];
            default: // random bytes over a random range
                int start = random.Next(valid.Length);
                for (int i = start; i < Math.Min(valid.Length, start + random.Next(1, 20)); i++)
                {
                    valid[i] = (byte)random.Next(256);
                }

                return valid;
        }
    }

    private static byte[] Splice(byte[] valid, string find, string replacement)
    {
        string text = Encoding.UTF8.GetString(valid);
        return Encoding.UTF8.GetBytes(text.Replace(find, replacement, StringComparison.Ordinal));
    }
}

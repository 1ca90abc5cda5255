using System.Text;
using CsCheck;
using SessionStore.Buffers;
using SessionStore.Serialization;

namespace SessionStore.Tests.Contract;

/// <summary>
/// The exact-shape reader that loads use first: whatever it accepts, the general reader accepts and reads
/// to the same session; anything else it leaves to the general reader.
/// </summary>
public sealed class ReferenceReaderTests
{
    private static readonly SessionSerializer<StoredSession> General = new(SessionJsonContext.Default.StoredSession, schema: null);

    private static readonly Gen<string> Texts = Gen.Frequency(
        (4, Gen.String[Gen.Char["abc XYZ 019 _-.,:!?"], 0, 80]),
        (2, Gen.String[Gen.Char["\"\\/\n\r\t\b\f\0\u001f\u007féü€😀"], 0, 20]),
        (1, Gen.String[Gen.Char, 0, 20]));

    private static readonly Gen<StoredSession> Stored =
        Gen.Select(Texts.Array[0, 12], Gen.Long[0, long.MaxValue], Gen.Long[0, 1000], (messages, input, output) => new StoredSession("s", messages, input, output))
            .Where(s => s.Messages.All(m => !StoredSession.HasLoneSurrogate(m)));

    private static byte[] Written(StoredSession session)
    {
        using var bytes = new PooledBytes(256);
        ReferenceWriter.Write(bytes, session);
        return bytes.Span.ToArray();
    }

    [Fact]
    public void WhatTheWriterWrites_ReadsBackToTheSameSession_AsTheGeneralReaderReadsIt() =>
        Stored.Sample(session =>
        {
            byte[] file = Written(session);
            StoredSession? fast = ReferenceReader.TryRead(file);
            if (session.InputTokens < 1_000_000_000_000_000_000)
            {
                Assert.Equal(session, fast);
            }

            Assert.Equal(General.Deserialize(file), fast ?? General.Deserialize(file));
        }, iter: 2_000);

    [Fact]
    public void ChangedFiles_AreEitherReadAsTheGeneralReaderReadsThem_OrLeftToIt() =>
        Gen.Select(Stored, Gen.Int[0, 1_000_000], Gen.Byte, Gen.Int[0, 2], (session, at, value, how) => (session, at, value, how)).Sample(t =>
        {
            byte[] file = Written(t.session);
            int at = t.at % file.Length;
            byte[] changed = t.how switch
            {
                0 => [.. file[..at], t.value, .. file[(at + 1)..]],   // a byte replaced
                1 => [.. file[..at], t.value, .. file[at..]],         // a byte inserted
                _ => file[..at],                                      // cut short
            };
            if (ReferenceReader.TryRead(changed) is { } fast)
            {
                Assert.Equal(General.Deserialize(changed), fast);
            }
        }, iter: 5_000);

    [Theory]
    [InlineData("{\n  \"session_id\": \"s\",\n  \"messages\": [\n    \"\\ud800\"\n  ],\n  \"input_tokens\": 0,\n  \"output_tokens\": 0\n}")]  // a lone surrogate
    [InlineData("{\n  \"session_id\": \"s\",\n  \"messages\": [\n    \"w\u00f6rld\"\n  ],\n  \"input_tokens\": 0,\n  \"output_tokens\": 0\n}")]   // raw UTF-8
    [InlineData("{\n  \"session_id\": \"s\",\n  \"messages\": [],\n  \"input_tokens\": 007,\n  \"output_tokens\": 0\n}")]                     // a leading zero
    [InlineData("{\n  \"session_id\": \"s\",\n  \"messages\": [],\n  \"input_tokens\": 0,\n  \"output_tokens\": 0\n}\n")]                      // a trailing newline
    [InlineData("{\"session_id\": \"s\", \"messages\": [], \"input_tokens\": 0, \"output_tokens\": 0}")]                                        // another layout
    public void AnythingButTheWritersExactShape_IsLeftToTheGeneralReader(string file) =>
        Assert.Null(ReferenceReader.TryRead(Encoding.UTF8.GetBytes(file)));

    [Fact]
    public void EscapesTheWriterDoesNotUse_ButJsonAllows_ReadAsTheGeneralReaderReadsThem()
    {
        byte[] file = Encoding.ASCII.GetBytes("{\n  \"session_id\": \"s\",\n  \"messages\": [\n    \"\\u00E9\\/\\uD83D\\uDE00\"\n  ],\n  \"input_tokens\": 1,\n  \"output_tokens\": 2\n}");
        Assert.Equal(new StoredSession("s", ["é/😀"], 1, 2), ReferenceReader.TryRead(file));
        Assert.Equal(General.Deserialize(file), ReferenceReader.TryRead(file));
    }
}

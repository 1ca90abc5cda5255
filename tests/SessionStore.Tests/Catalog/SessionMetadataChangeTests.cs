namespace SessionStore.Tests.Catalog;

public sealed class SessionMetadataChangeTests
{
    private static readonly SessionMetadata Current = new()
    {
        SessionId = "s", Title = "derived", Tags = ["a", "b"], Owner = "o", Agent = "g",
        Fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["f"] = "1" },
    };

    [Fact]
    public void ApplyTo_SetsMergesAndClears_LeavingTheRest()
    {
        SessionMetadata next = new SessionMetadataChange { Title = "Mine", AddTags = ["c", "a"], RemoveTags = ["b"], Agent = "", Fields = new Dictionary<string, string?> { ["f"] = null, ["g"] = "2" } }
            .ApplyTo(Current, "derived");
        Assert.Equal(("Mine", true, "o", (string?)null), (next.Title, next.HasCustomTitle, next.Owner, next.Agent));
        Assert.Equal(["a", "c"], next.Tags);
        Assert.Equal(["g"], next.Fields.Keys);
        SessionMetadata back = new SessionMetadataChange { Title = "" }.ApplyTo(next, "derived again");
        Assert.Equal(("derived again", false), (back.Title, back.HasCustomTitle));
        Assert.Equal(next with { Title = "derived again", HasCustomTitle = false }, back with { Tags = next.Tags, Fields = next.Fields });
    }

    [Fact]
    public void BadText_IsRefused()
    {
        // Built in code: xUnit's argument serialization would turn a lone surrogate into U+FFFD.
        foreach (string title in (string[])["title\u0007", "lone " + (char)0xDC00, (char)0xD800 + "x"])
        {
            Assert.Throws<ArgumentException>(() => new SessionMetadataChange { Title = title }.Validate());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("tab\t")]
    public void BadTags_AreRefused(string tag) =>
        Assert.Throws<ArgumentException>(() => new SessionMetadataChange { AddTags = [tag] }.Validate());

    [Fact]
    public void Limits_AreRefused()
    {
        Assert.Throws<ArgumentException>(() => new SessionMetadataChange { Title = new string('x', SessionMetadataChange.MaxTitleLength + 1) }.Validate());
        Assert.Throws<ArgumentException>(() => new SessionMetadataChange { Fields = new Dictionary<string, string?> { ["bad name"] = "x" } }.Validate());
        Assert.Throws<ArgumentException>(() => new SessionMetadataChange { AddTags = [.. Enumerable.Range(0, SessionMetadataChange.MaxTags).Select(i => "t" + i)] }.ApplyTo(Current, ""));
        Assert.Throws<ArgumentException>(() => new SessionMetadataChange { Fields = Enumerable.Range(0, SessionMetadataChange.MaxFields).ToDictionary(i => "k" + i, i => (string?)"v") }.ApplyTo(Current, ""));
    }
}

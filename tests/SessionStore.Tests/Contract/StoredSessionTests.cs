namespace SessionStore.Tests.Contract;

/// <summary>StoredSession compares by value, messages included.</summary>
public sealed class StoredSessionTests
{
    [Fact]
    public void Sessions_WithEqualContent_AreEqual_AndHashAlike()
    {
        var a = new StoredSession("s", new List<string> { "x", "y" }, 1, 2);
        var b = new StoredSession("s", new[] { "x", "y" }, 1, 2);
        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData("t", new[] { "x", "y" }, 1, 2)]
    [InlineData("s", new[] { "y", "x" }, 1, 2)]
    [InlineData("s", new[] { "x" }, 1, 2)]
    [InlineData("s", new[] { "x", "y", "z" }, 1, 2)]
    [InlineData("s", new[] { "x", "Y" }, 1, 2)]
    [InlineData("s", new[] { "x", "y" }, 3, 2)]
    [InlineData("s", new[] { "x", "y" }, 1, 3)]
    [InlineData("S", new[] { "x", "y" }, 1, 2)]
    public void Sessions_ThatDifferInAnyPart_AreNotEqual(string id, string[] messages, long input, long output)
    {
        var reference = new StoredSession("s", ["x", "y"], 1, 2);
        var other = new StoredSession(id, messages, input, output);
        Assert.NotEqual(reference, other);
        Assert.False(reference == other);
    }

    [Fact]
    public void ToString_ShowsTheCountsNotTheListType()
    {
        string text = new StoredSession("s", ["x", "y"], 1, 2).ToString();
        Assert.Equal("StoredSession { SessionId = s, Messages = [2 messages], InputTokens = 1, OutputTokens = 2 }", text);
    }

    [Fact]
    public void With_CopiesAndCompares()
    {
        var a = new StoredSession("s", ["x"], 1, 2);
        Assert.NotEqual(a, a with { OutputTokens = 3 });
        Assert.Equal(a, a with { Messages = ["x"] });
    }
}

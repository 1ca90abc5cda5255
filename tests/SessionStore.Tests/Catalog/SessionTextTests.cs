using System.Text;

namespace SessionStore.Tests.Catalog;

public sealed class SessionTextTests
{
    [Fact]
    public void ReferenceFormat_TitleIsTheFirstMessagesFirstLine_ItemsAreTheStrings()
    {
        SessionTextContent text = SessionText.Read("""{"session_id":"a","messages":["","  \n  First line  \nsecond","reply"],"input_tokens":1,"output_tokens":2}"""u8);
        Assert.Null(text.StoredTitle);
        Assert.Equal("First line", text.DerivedTitle);
        Assert.Equal([0, 1, 2], text.Items.Select(i => i.Index));
        Assert.Equal("reply", text.Items[2].Text);
        Assert.All(text.Items, i => Assert.Null(i.Role));
    }

    [Fact]
    public void AgentConversation_StoredTitleWins_ElseTheFirstUserMessage_ContentsTextIsRead()
    {
        const string Messages = """
            "messages":[
              {"role":"system","contents":[{"$type":"text","text":"You are helpful"}]},
              {"role":"user","contents":[{"$type":"text","text":"Book a flight"},{"$type":"text","text":"to Oslo"}]},
              {"role":"assistant","contents":[{"$type":"functionCall","callId":"c1","name":"book","arguments":{"to":"OSL"}}]}]
            """;
        SessionTextContent untitled = SessionText.Read(Encoding.UTF8.GetBytes("{\"id\":\"c\"," + Messages + "}"));
        Assert.Equal("Book a flight", untitled.DerivedTitle);
        Assert.Equal("Book a flight\nto Oslo", untitled.Items[1].Text);
        Assert.Equal("user", untitled.Items[1].Role);
        Assert.Equal("", untitled.Items[2].Text);

        SessionTextContent titled = SessionText.Read(Encoding.UTF8.GetBytes("{\"id\":\"c\",\"title\":\"Trip\"," + Messages + "}"));
        Assert.Equal(("Trip", "Trip"), (titled.StoredTitle, titled.DerivedTitle));
    }

    [Fact]
    public void TypedItems_WithoutTextFields_GiveEveryString_UnderTheirOwnListName()
    {
        SessionTextContent text = SessionText.Read("""{"key":"k","turns":[{"prompt":"why is the sky blue","reply":{"text2":"Rayleigh"},"n":3}]}"""u8, "turns");
        Assert.Equal("why is the sky blue\nRayleigh", Assert.Single(text.Items).Text);
        Assert.Equal("why is the sky blue", text.DerivedTitle);
        Assert.Empty(SessionText.Read("""{"key":"k"}"""u8, "turns").Items);
        Assert.Equal("hello", SessionText.ReadItem("""{"role":"user","text":"hello"}"""u8, 7).Text);
        Assert.Equal(7, SessionText.ReadItem("\"x\""u8, 7).Index);
    }

    [Fact]
    public void Titles_AreCut_WithoutSplittingASurrogatePair()
    {
        string longLine = new string('a', SessionText.MaxTitleLength - 1) + "😀tail";
        string title = SessionText.TitleFrom(longLine);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(title[^2]));
        Assert.Equal("", SessionText.TitleFrom(" \r\n\t\n"));
        Assert.Equal("", SessionText.TitleFrom(null));
    }

    [Fact]
    public void NotJson_IsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => SessionText.Read("{\"messages\":["u8));
        Assert.Throws<ArgumentException>(() => SessionText.Read("[1]"u8));
    }
}

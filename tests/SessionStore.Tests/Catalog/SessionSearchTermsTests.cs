namespace SessionStore.Tests.Catalog;

public sealed class SessionSearchTermsTests
{
    [Fact]
    public void WordsAndQuotedPhrases_EverythingElseSeparates()
    {
        IReadOnlyList<IReadOnlyList<string>> terms = SessionSearchTerms.Parse("invoice* \"bug  report\" NEAR(a,b) -x é");
        Assert.Equal(
            [["invoice"], ["bug", "report"], ["NEAR"], ["a"], ["b"], ["x"], ["é"]],
            terms.Select(t => t.ToArray()).ToArray());
    }

    [Fact]
    public void AnUnclosedQuote_IsWords()
    {
        Assert.Equal([["open"], ["quote"]], SessionSearchTerms.Parse("\"open quote").Select(t => t.ToArray()).ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \"\" *** ")]
    [InlineData("'; --")]
    public void NoWord_IsArgumentException(string text) => Assert.Throws<ArgumentException>(() => SessionSearchTerms.Parse(text));

    [Fact]
    public void TooManyTerms_IsArgumentException() =>
        Assert.Throws<ArgumentException>(() => SessionSearchTerms.Parse(string.Join(' ', Enumerable.Range(0, SessionSearchTerms.MaxTerms + 1))));
}

namespace SessionStore.Analyzers;

/// <summary>
/// Every diagnostic id, once: the descriptors, the code fixes and the tests use these constants, and
/// a test checks that each one has its page under <c>docs/analyzers/</c>, its help link and its row in
/// the <c>AnalyzerReleases.Unshipped.md</c> of the assembly that reports it (the SS ids here, the SSG ids
/// in SessionStore.Generators, which compiles this same file).
/// </summary>
internal static class RuleIdentifiers
{
    /// <summary>Where the rule pages live; a descriptor's help link is this plus <c>&lt;id&gt;.md</c>.</summary>
    internal const string DocsBase = "https://github.com/sessionstore/sessionstore/blob/main/docs/analyzers/";

    internal const string DeleteResultIgnored = "SS0001";
    internal const string CatchSwallowsDeleteFailure = "SS0002";
    internal const string InvalidSessionIdConstant = "SS0003";

    internal const string StoreNotPartial = "SSG0001";
    internal const string StoreHasOtherBaseClass = "SSG0002";
    internal const string NoSessionId = "SSG0003";
    internal const string SeveralSessionIds = "SSG0004";
    internal const string SessionIdNotReadableString = "SSG0005";
    internal const string NotAJsonContext = "SSG0006";
    internal const string SessionNotRegistered = "SSG0007";
    internal const string MigrationGap = "SSG0008";
    internal const string DuplicateMigration = "SSG0009";
    internal const string MigrationOutOfRange = "SSG0010";
    internal const string MigrationSignature = "SSG0011";
    internal const string SchemaVersionTooLow = "SSG0012";
    internal const string GenericStore = "SSG0013";
    internal const string SessionTypeNotAClass = "SSG0014";
    internal const string StoreMoreAccessibleThanSession = "SSG0015";
    internal const string StoreNotAPlainClass = "SSG0016";
    internal const string StoreDeclaresGeneratedMember = "SSG0017";
    internal const string FileLocalType = "SSG0018";
    internal const string SeveralSessionItems = "SSG0019";
    internal const string SessionItemsNotAList = "SSG0020";
    internal const string ItemTypeNotRegistered = "SSG0021";
    internal const string TotalsSignature = "SSG0022";
    internal const string CreateSignature = "SSG0023";

    internal static string HelpLink(string id) => DocsBase + id + ".md";
}

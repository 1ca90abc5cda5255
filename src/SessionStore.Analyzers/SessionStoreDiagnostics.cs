using Microsoft.CodeAnalysis;

namespace SessionStore.Analyzers;

/// <summary>Every diagnostic the analyzers report, in one place, each with its doc page.</summary>
internal static class SessionStoreDiagnostics
{
    private const string UsageCategory = "Reliability";

    internal static readonly DiagnosticDescriptor DeleteResultIgnored = new(
        id: RuleIdentifiers.DeleteResultIgnored,
        title: "The result of a session store delete is ignored",
        messageFormat: "The result of '{0}' is ignored: it says whether this call deleted the session or it was already gone",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Delete returns false when the session was not there. Check the result, or discard it explicitly with '_ =' if either outcome is fine.",
        helpLinkUri: RuleIdentifiers.HelpLink(RuleIdentifiers.DeleteResultIgnored));

    internal static readonly DiagnosticDescriptor CatchSwallowsDeleteFailure = new(
        id: RuleIdentifiers.CatchSwallowsDeleteFailure,
        title: "A catch clause around a session store delete is too broad",
        messageFormat: "This catch clause catches '{0}' and so swallows the SessionDeleteException that '{1}' throws when a session exists but cannot be deleted",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "SessionDeleteException is an IOException: a handler for IOException or a broader type that swallows it on every path hides that the session is still there. Let it propagate with a clause of its own before this one, or handle it in that clause on purpose.",
        helpLinkUri: RuleIdentifiers.HelpLink(RuleIdentifiers.CatchSwallowsDeleteFailure));

    internal static readonly DiagnosticDescriptor InvalidSessionIdConstant = new(
        id: RuleIdentifiers.InvalidSessionIdConstant,
        title: "A session id constant can never be valid",
        messageFormat: "{0} can never be a valid session id: {1}",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "Every store member refuses this id with InvalidSessionIdException at run time. Session ids are 1 to 128 characters from A-Z a-z 0-9 _ - ., not starting or ending with '.', and not a Windows device name.",
        helpLinkUri: RuleIdentifiers.HelpLink(RuleIdentifiers.InvalidSessionIdConstant));
}

using System.CommandLine;

namespace SessionStore.Tool.Cli;

/// <summary>The filters of a catalog query that <c>list</c> and <c>search</c> share: --tag, --owner, --agent, --title.</summary>
internal sealed class CatalogFilters
{
    internal Option<string[]> Tag { get; } = new("--tag") { Description = "Only sessions with this tag (repeat for several: all must match). Needs the store's index.", AllowMultipleArgumentsPerToken = false };

    internal Option<string?> Owner { get; } = new("--owner") { Description = "Only sessions of this owner (user or tenant). Needs the store's index." };

    internal Option<string?> Agent { get; } = new("--agent") { Description = "Only sessions of this agent. Needs the store's index." };

    internal Option<string?> Title { get; } = new("--title") { Description = "Only sessions whose title contains this text, ignoring case. Needs the store's index." };

    internal IEnumerable<Option> All => [Tag, Owner, Agent, Title];

    /// <summary>Whether the command line gave any of them.</summary>
    internal bool AnyGiven(ParseResult result) => All.Any(o => result.GetResult(o) is { Implicit: false });

    /// <summary>A query with these filters.</summary>
    internal SessionQuery Apply(ParseResult result, SessionQuery query) => query with
    {
        Tags = result.GetValue(Tag) ?? [],
        Owner = result.GetValue(Owner),
        Agent = result.GetValue(Agent),
        TitleContains = result.GetValue(Title),
    };
}

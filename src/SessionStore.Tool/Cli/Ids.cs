using System.CommandLine;
using System.CommandLine.Parsing;

namespace SessionStore.Tool.Cli;

/// <summary>
/// Id arguments. A token that looks like an option is a usage error, never an id (<c>delete --dry-run x</c>
/// must not delete a session named <c>--dry-run</c>); an id that starts with <c>-</c> goes after <c>--</c>.
/// </summary>
internal static class Ids
{
    private static HashSet<string> s_literal = [];

    /// <summary>A short list of ids for a message or a question: all of them up to five, else the first five and how many more.</summary>
    internal static string Sample(IReadOnlyCollection<string> ids) =>
        ids.Count <= 5 ? string.Join(", ", ids) : $"{string.Join(", ", ids.Take(5))} and {ids.Count - 5} more";

    /// <summary>Remembers the arguments after <c>--</c>: those are taken as given.</summary>
    internal static void SetCommandLine(string[] args)
    {
        int separator = Array.IndexOf(args, "--");
        s_literal = separator < 0 ? [] : new HashSet<string>(args[(separator + 1)..], StringComparer.Ordinal);
    }

    internal static Argument<string> One(string name, string description, Func<FileSessionStore, IEnumerable<string>>? completions = null)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(Validate);
        Complete(argument, completions ?? Sessions);
        return argument;
    }

    /// <summary>The ids of the store's sessions, which id arguments offer as completions.</summary>
    internal static IEnumerable<string> Sessions(FileSessionStore store) => store.List();

    /// <summary>The ids in the store's trash, for <c>trash restore</c>.</summary>
    internal static IEnumerable<string> Trashed(FileSessionStore store) => store.ListTrash().Select(t => t.SessionId).Distinct(StringComparer.Ordinal);

    /// <summary>The ids and entry names in the store's quarantine, for <c>quarantine restore|delete</c>.</summary>
    internal static IEnumerable<string> Quarantined(FileSessionStore store) =>
        store.ListQuarantine().SelectMany(q => new[] { q.SessionId, q.Name }).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Offers the ids <paramref name="source"/> lists in the store that <c>--dir</c> names on the line being completed: the
    /// shell scripts ask the parser (<c>[suggest]</c>), so bash, zsh, fish and PowerShell all complete them.
    /// </summary>
    private static void Complete(Argument argument, Func<FileSessionStore, IEnumerable<string>> source) =>
        argument.CompletionSources.Add(context =>
        {
            if (context is not System.CommandLine.Completions.TextCompletionContext)
            {
                return []; // the help asks too, to show choices: never list a store there
            }

            try
            {
                string directory = context.ParseResult.GetValue<string>("--dir") ?? FileSessionStore.DefaultDirectory;
                return Directory.Exists(directory)
                    ? [.. source(new FileSessionStore(directory)).Where(id => id.StartsWith(context.WordToComplete, StringComparison.Ordinal))
                        .Select(id => new System.CommandLine.Completions.CompletionItem(id))]
                    : [];
            }
            catch (Exception ex) when (ex is ISessionError or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                return []; // completion never fails the shell: a store it cannot read offers nothing
            }
        });

    /// <summary>A session id or the name of an entry (of the quarantine), which may be longer than an id: only a token that looks like an option is refused.</summary>
    internal static Argument<string> IdOrName(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result => RefuseOptions(result));
        Complete(argument, Quarantined);
        return argument;
    }

    /// <inheritdoc cref="IdOrName"/>
    internal static Argument<string[]> IdsOrNames(string name, string description)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.Validators.Add(result => RefuseOptions(result));
        Complete(argument, Quarantined);
        return argument;
    }

    internal static Argument<string[]> Many(string name, string description, bool atLeastOne)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = atLeastOne ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore };
        argument.Validators.Add(Validate);
        Complete(argument, Sessions);
        return argument;
    }

    private static bool RefuseOptions(ArgumentResult result)
    {
        foreach (Token token in result.Tokens)
        {
            if (token.Value.StartsWith('-') && !s_literal.Contains(token.Value))
            {
                result.AddError($"unknown option '{token.Value}' (an id that starts with '-' goes after '--')");
                return false;
            }
        }

        return true;
    }

    private static void Validate(ArgumentResult result)
    {
        if (!RefuseOptions(result))
        {
            return;
        }

        foreach (Token token in result.Tokens)
        {
            if (!SessionIdRules.IsValid(token.Value))
            {
                result.AddError(Errors.InvalidId(token.Value));
                return;
            }
        }
    }
}

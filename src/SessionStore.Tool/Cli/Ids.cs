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

    /// <summary>Remembers the arguments after <c>--</c>: those are taken as given.</summary>
    internal static void SetCommandLine(string[] args)
    {
        int separator = Array.IndexOf(args, "--");
        s_literal = separator < 0 ? [] : new HashSet<string>(args[(separator + 1)..], StringComparer.Ordinal);
    }

    internal static Argument<string> One(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(Validate);
        return argument;
    }

    /// <summary>A session id or the name of an entry (of the quarantine), which may be longer than an id: only a token that looks like an option is refused.</summary>
    internal static Argument<string> IdOrName(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result => RefuseOptions(result));
        return argument;
    }

    /// <inheritdoc cref="IdOrName"/>
    internal static Argument<string[]> IdsOrNames(string name, string description)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = ArgumentArity.OneOrMore };
        argument.Validators.Add(result => RefuseOptions(result));
        return argument;
    }

    internal static Argument<string[]> Many(string name, string description, bool atLeastOne)
    {
        var argument = new Argument<string[]>(name) { Description = description, Arity = atLeastOne ? ArgumentArity.OneOrMore : ArgumentArity.ZeroOrMore };
        argument.Validators.Add(Validate);
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

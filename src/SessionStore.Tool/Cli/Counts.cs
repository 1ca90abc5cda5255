using System.CommandLine.Parsing;
using System.Globalization;

namespace SessionStore.Tool.Cli;

/// <summary>Parsers for count options (<c>--limit</c>, <c>--tail</c>) that say in words what is wrong with a value.</summary>
internal static class Counts
{
    internal static int? AtLeastOne(ArgumentResult result) => Parse(result, 1);

    internal static int? NotNegative(ArgumentResult result) => Parse(result, 0);

    private static int? Parse(ArgumentResult result, int minimum)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value >= minimum)
        {
            return value;
        }

        string name = result.Parent is OptionResult option ? option.Option.Name : "the value";
        result.AddError($"{name} takes a whole number of at least {minimum}, not '{text}'");
        return null;
    }
}

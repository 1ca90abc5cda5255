using System.CommandLine.Parsing;
using System.Globalization;

namespace SessionStore.Tool.Cli;

/// <summary>Ages (<c>30d</c>, <c>12h</c>, <c>15m</c>, <c>45s</c>, <c>2w</c>) and dates (<c>2026-01-31</c>) turned into a cutoff instant.</summary>
internal static class Ages
{
    /// <summary>A parser for an option that takes an age: the cutoff is now minus the age (the beginning of time when the age is longer than that).</summary>
    internal static DateTimeOffset ParseAge(ArgumentResult result) => Parse(result, datesToo: false);

    /// <summary>A parser for an option that takes an age or a date.</summary>
    internal static DateTimeOffset ParseAgeOrDate(ArgumentResult result) => Parse(result, datesToo: true);

    /// <summary>"3d ago", "5h ago": how long before now an instant was, in the largest whole unit.</summary>
    internal static string Ago(DateTimeOffset instant)
    {
        TimeSpan age = DateTimeOffset.UtcNow - instant;
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}d ago"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h ago"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m ago"
            : "just now";
    }

    internal static string Stamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z";

    private static DateTimeOffset Parse(ArgumentResult result, bool datesToo)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (TryAge(text, out DateTimeOffset cutoff))
        {
            return cutoff;
        }

        if (datesToo && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            return date;
        }

        result.AddError(datesToo
            ? $"'{text}' is neither an age like 30d, 12h, 15m, 45s or 2w nor a date like 2026-01-31"
            : $"'{text}' is not an age like 30d, 12h, 15m, 45s or 2w");
        return DateTimeOffset.MinValue;
    }

    private static bool TryAge(string text, out DateTimeOffset cutoff)
    {
        cutoff = DateTimeOffset.MinValue;
        if (text.Length < 2 || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            return false;
        }

        double seconds = text[^1] switch
        {
            's' => amount,
            'm' => amount * 60,
            'h' => amount * 3600,
            'd' => amount * 86400,
            'w' => amount * 7 * 86400,
            _ => double.NaN,
        };
        if (double.IsNaN(seconds))
        {
            return false;
        }

        DateTimeOffset now = DateTimeOffset.UtcNow;
        double sinceBeginning = (now - DateTimeOffset.MinValue).TotalSeconds;
        cutoff = seconds >= sinceBeginning ? DateTimeOffset.MinValue : now.AddSeconds(-seconds);
        return true;
    }
}

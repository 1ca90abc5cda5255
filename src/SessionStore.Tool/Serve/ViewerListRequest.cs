using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace SessionStore.Tool.Serve;

/// <summary>The list's parameters as the page sends them: search text, filters, page size and the keyset token of the page.</summary>
internal sealed record ViewerListRequest(
    string? Search, IReadOnlyList<string> Tags, string? Owner, string? Agent, DateTimeOffset? UpdatedSince, int PageSize, string? PageToken)
{
    /// <exception cref="ArgumentException">A parameter is not valid (said in plain words).</exception>
    internal static ViewerListRequest From(IQueryCollection query)
    {
        int size = ViewerData.DefaultPageSize;
        if (query["size"].ToString() is { Length: > 0 } sizeText &&
            (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > ViewerData.MaxPageSize))
        {
            throw new ArgumentException($"size must be 1 to {ViewerData.MaxPageSize}");
        }

        DateTimeOffset? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            since = DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
                ? parsed
                : throw new ArgumentException("since must be a date (2026-01-31)");
        }

        return new ViewerListRequest(
            Text(query, "q"),
            [.. query["tag"].Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim())],
            Text(query, "owner"),
            Text(query, "agent"),
            since,
            size,
            Text(query, "page"));
    }

    private static string? Text(IQueryCollection query, string name) => query[name].ToString().Trim() is { Length: > 0 } text ? text : null;
}

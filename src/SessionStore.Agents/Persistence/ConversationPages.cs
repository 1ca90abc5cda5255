using System.Globalization;
using System.Text;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Pages of a conversation listing made without a catalog: the whole listing cut after the previous page's last
/// (time, id), so a walk meets each conversation once while others are saved.
/// </summary>
internal static class ConversationPages
{
    internal static AgentConversationPage Cut(IReadOnlyList<AgentConversationSummary> all, AgentConversationQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, SessionQuery.MaxPageSize, nameof(query));
        var ordered = all.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Key.SessionId, StringComparer.Ordinal).ToList();
        if (query.PageToken is { } token)
        {
            (long ticks, string id) = Read(token);
            ordered = [.. ordered.SkipWhile(s => s.UpdatedAt.UtcTicks > ticks || (s.UpdatedAt.UtcTicks == ticks && string.CompareOrdinal(s.Key.SessionId, id) <= 0))];
        }

        List<AgentConversationSummary> page = [.. ordered.Take(query.PageSize)];
        string? next = ordered.Count > page.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + " " + page[^1].Key.SessionId))
            : null;
        return new AgentConversationPage(page, next);
    }

    private static (long Ticks, string Id) Read(string token)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            return (long.Parse(text.AsSpan(0, space), NumberStyles.None, CultureInfo.InvariantCulture), text[(space + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new ArgumentException("not a page token of this listing", nameof(token), ex);
        }
    }
}

using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>Usage arithmetic, and the usage that messages carry themselves (<see cref="UsageContent"/>), for writers that see no <see cref="ChatResponse.Usage"/>.</summary>
internal static class ReportedUsage
{
    /// <summary>The sum of two usages; <paramref name="total"/> itself when nothing is added.</summary>
    internal static UsageDetails? Sum(UsageDetails? total, UsageDetails? added)
    {
        if (added is null)
        {
            return total;
        }

        var sum = new UsageDetails();
        if (total is not null)
        {
            sum.Add(total);
        }

        sum.Add(added);
        return sum;
    }

    internal static UsageDetails? In(IEnumerable<ChatMessage>? messages)
    {
        UsageDetails? sum = null;
        foreach (ChatMessage message in messages ?? [])
        {
            foreach (AIContent content in message.Contents)
            {
                if (content is UsageContent usage)
                {
                    (sum ??= new UsageDetails()).Add(usage.Details);
                }
            }
        }

        return sum;
    }
}

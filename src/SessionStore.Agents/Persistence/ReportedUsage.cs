using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>The usage that messages carry themselves (<see cref="UsageContent"/>), for writers that see no <see cref="ChatResponse.Usage"/>.</summary>
internal static class ReportedUsage
{
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

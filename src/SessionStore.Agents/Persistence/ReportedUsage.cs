using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>Usage arithmetic, and the usage that messages carry themselves (<see cref="UsageContent"/>), for writers that see no <see cref="ChatResponse.Usage"/>.</summary>
internal static class ReportedUsage
{
    /// <summary>
    /// The sum of two usages; <paramref name="total"/> itself when nothing is added. A count that would pass
    /// <see cref="long.MaxValue"/> stays there (MEAI's <see cref="UsageDetails.Add"/> wraps it to a negative
    /// number): a conversation's turn is never refused, and its totals never go backwards, over its accounting.
    /// </summary>
    internal static UsageDetails? Sum(UsageDetails? total, UsageDetails? added)
    {
        if (added is null)
        {
            return total;
        }

        var sum = new UsageDetails();
        foreach (UsageDetails usage in total is null ? [added] : new[] { total, added })
        {
            sum.InputTokenCount = Plus(sum.InputTokenCount, usage.InputTokenCount);
            sum.OutputTokenCount = Plus(sum.OutputTokenCount, usage.OutputTokenCount);
            sum.TotalTokenCount = Plus(sum.TotalTokenCount, usage.TotalTokenCount);
            sum.CachedInputTokenCount = Plus(sum.CachedInputTokenCount, usage.CachedInputTokenCount);
            sum.ReasoningTokenCount = Plus(sum.ReasoningTokenCount, usage.ReasoningTokenCount);
#pragma warning disable MEAI001 // evaluation-only counts: summed as UsageDetails.Add sums them, so none is dropped
            sum.InputAudioTokenCount = Plus(sum.InputAudioTokenCount, usage.InputAudioTokenCount);
            sum.InputTextTokenCount = Plus(sum.InputTextTokenCount, usage.InputTextTokenCount);
            sum.OutputAudioTokenCount = Plus(sum.OutputAudioTokenCount, usage.OutputAudioTokenCount);
            sum.OutputTextTokenCount = Plus(sum.OutputTextTokenCount, usage.OutputTextTokenCount);
#pragma warning restore MEAI001
            foreach (KeyValuePair<string, long> count in usage.AdditionalCounts ?? [])
            {
                sum.AdditionalCounts ??= [];
                sum.AdditionalCounts[count.Key] = Plus(sum.AdditionalCounts.TryGetValue(count.Key, out long known) ? known : null, count.Value)!.Value;
            }
        }

        return sum;
    }

    /// <summary>Adds two counts, either unknown, without wrapping.</summary>
    private static long? Plus(long? a, long? b) => (a, b) switch
    {
        (null, _) => b,
        (_, null) => a,
        _ => a.Value > 0 && b.Value > long.MaxValue - a.Value ? long.MaxValue
            : a.Value < 0 && b.Value < long.MinValue - a.Value ? long.MinValue
            : a.Value + b.Value,
    };

    internal static UsageDetails? In(IEnumerable<ChatMessage>? messages)
    {
        UsageDetails? sum = null;
        foreach (ChatMessage message in messages ?? [])
        {
            foreach (AIContent content in message.Contents)
            {
                if (content is UsageContent usage)
                {
                    sum = Sum(sum, usage.Details);
                }
            }
        }

        return sum;
    }
}

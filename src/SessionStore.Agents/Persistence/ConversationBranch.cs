using Microsoft.Extensions.AI;

namespace SessionStore.Agents.Persistence;

/// <summary>
/// Copy-on-write for agent sessions that branched from one conversation: the turn of a branch whose conversation moved on
/// (another branch, or another process, appended since it read it) goes into a new conversation holding the branch's own
/// messages and the turn, so no branch sees another's turns and none is lost.
/// </summary>
internal static class ConversationBranch
{
    /// <summary>
    /// Stores a new conversation with the first <paramref name="branchPoint"/> messages of <paramref name="sourceId"/> (as
    /// many as it still has) followed by <paramref name="turn"/>, and returns its id. Its usage is what the copied messages
    /// report themselves (<see cref="UsageContent"/>) plus the turn's.
    /// </summary>
    internal static async ValueTask<string> ForkAsync(ISessionStore<ChatConversation> store, string sourceId, int branchPoint, IReadOnlyList<ChatMessage> turn,
        UsageDetails? usage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string sourceStoreId = ConversationIds.ToSessionId(sourceId);
        ChatConversation? source = await store.TryLoadAsync(sourceStoreId, cancellationToken).ConfigureAwait(false);
        List<ChatMessage> mine = source is null ? [] : source.Messages.GetRange(0, Math.Min(branchPoint, source.Messages.Count));
        var fork = new ChatConversation(Guid.NewGuid().ToString("N"))
        {
            Messages = [.. mine, .. turn],
            MessageCount = mine.Count + turn.Count,
            ForkedFrom = sourceStoreId,
            Title = source?.Title ?? ConversationTitle.From([.. mine, .. turn]),
            Usage = ReportedUsage.Sum(ReportedUsage.In(mine), usage),
            CreatedAt = source?.CreatedAt ?? now,
            UpdatedAt = now,
            AdditionalProperties = source?.AdditionalProperties is null ? null : new AdditionalPropertiesDictionary(source.AdditionalProperties),
        };
        _ = await store.SaveIfMatchAsync(fork, expectedETag: null, cancellationToken).ConfigureAwait(false);
        return fork.Id;
    }
}

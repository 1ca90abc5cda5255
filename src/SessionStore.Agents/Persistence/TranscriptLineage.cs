namespace SessionStore.Agents.Persistence;

/// <summary>A conversation and the ones it was copied from (<see cref="ChatConversation.ForkedFrom"/>): the transcript a delete removes.</summary>
internal static class TranscriptLineage
{
    /// <summary>Enough for any real lineage (a copy is made per conflicting branch); ends a cycle written by hand.</summary>
    private const int MaxAncestors = 10_000;

    /// <summary>Deletes <paramref name="conversationId"/> and every conversation it descends from, newest first; what is absent is skipped.</summary>
    internal static async ValueTask DeleteAsync(ISessionStore<ChatConversation> store, string conversationId, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (string? id = conversationId; id is not null && seen.Count < MaxAncestors && seen.Add(id);)
        {
            ChatConversation? conversation = await store.TryLoadAsync(id, cancellationToken).ConfigureAwait(false);
            _ = await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            id = conversation?.ForkedFrom;
        }
    }
}

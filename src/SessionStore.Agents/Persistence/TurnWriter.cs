namespace SessionStore.Agents.Persistence;

/// <summary>Picks how turns are persisted.</summary>
internal static class TurnWriter
{
    /// <summary>
    /// A typed append (O(delta) per turn) when the store appends <see cref="Microsoft.Extensions.AI.ChatMessage"/>s to its
    /// conversations (<see cref="AgentStores.Conversations"/> and <see cref="AgentJson.ChatConversationDescriptor"/> declare
    /// them); otherwise a whole-conversation update under the store's lock.
    /// </summary>
    internal static ITurnWriter For(ISessionStore<ChatConversation> store, TimeProvider timeProvider)
    {
        var update = new UpdateTurnWriter(store, timeProvider);
        return store is ISessionAppender<ChatConversation> appender && appender.CanAppend<Microsoft.Extensions.AI.ChatMessage>()
            ? new AppendTurnWriter(appender, update, timeProvider)
            : update;
    }
}

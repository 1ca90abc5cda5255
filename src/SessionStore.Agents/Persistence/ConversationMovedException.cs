namespace SessionStore.Agents.Persistence;

/// <summary>
/// Thrown from inside a store's append or update (so that it writes nothing) when the conversation no longer ends at the
/// branch point the turn was written for; never leaves <see cref="ITurnWriter"/>.
/// </summary>
internal sealed class ConversationMovedException(int? storedCount)
    : Exception("The conversation moved on since the agent session read it.")
{
    /// <summary>How many messages the conversation holds; <see langword="null"/> when its total is unknown (see <see cref="ChatConversation.MessageCount"/>).</summary>
    public int? StoredCount { get; } = storedCount;
}

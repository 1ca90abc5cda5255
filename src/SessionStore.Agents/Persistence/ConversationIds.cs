namespace SessionStore.Agents.Persistence;

/// <summary>
/// Where a conversation whose id the application chose is stored: MEAI's <c>ConversationId</c> and host user ids are
/// free-form, session ids are not. A valid id is used as it is; any other maps to one stable, valid id (the same
/// mapping as a bare agent-session key, <see cref="AgentSessionIds.ForFreeForm"/>), on every backend.
/// </summary>
internal static class ConversationIds
{
    /// <summary>The session id the conversation <paramref name="conversationId"/> is stored under.</summary>
    internal static string ToSessionId(string conversationId) => AgentSessionIds.ForFreeForm(conversationId);
}

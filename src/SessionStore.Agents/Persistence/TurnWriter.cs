namespace SessionStore.Agents.Persistence;

/// <summary>Picks how turns are persisted.</summary>
internal static class TurnWriter
{
    // When typed append (issue 14: Append/AppendAsync for any session type, O(delta)) lands, return a writer
    // over it here for the stores that offer it; nothing else in this library changes.
    internal static ITurnWriter For(ISessionStore<ChatConversation> store, TimeProvider timeProvider) =>
        new UpdateTurnWriter(store, timeProvider);
}

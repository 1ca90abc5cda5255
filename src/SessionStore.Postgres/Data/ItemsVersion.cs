namespace SessionStore.Postgres.Data;

/// <summary>
/// A version of a session's items as an append sees it: the row's revision and the last item's sequence number
/// and running total. Every write through a store changes the revision, and an item row added by any client
/// changes the last sequence, so an append that finds the version it last wrote (or checked) knows the items.
/// </summary>
/// <param name="Revision">The session row's revision.</param>
/// <param name="LastSeq">The last item's sequence number (0 without items).</param>
/// <param name="LastTotal">The last item's running total of bytes (0 without items).</param>
internal readonly record struct ItemsVersion(long Revision, long LastSeq, long LastTotal);

namespace SessionStore.Index;

/// <summary>One session's row of the index: its metadata, what it was derived from, and the file version it was read from.</summary>
internal sealed record Row(long Rid, string Id, SessionMetadata Metadata, string DerivedTitle, bool HasUserItem, FileSessionStamp Stamp, long SeenNanoseconds, string TitleKey, long CreatedNanoseconds);

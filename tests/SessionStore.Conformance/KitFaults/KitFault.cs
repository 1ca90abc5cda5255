namespace SessionStore.Conformance.KitFaults;

/// <summary>A mistake a third-party backend could make, which the conformance kit must catch.</summary>
public enum KitFault
{
    /// <summary>Load, TryLoad and LoadRevision return the first version ever saved under the id.</summary>
    LoadReturnsFirstVersion,

    /// <summary>Only the asynchronous loads return the first version ever saved (the sync twins are right).</summary>
    AsyncLoadReturnsFirstVersion,

    /// <summary>Delete reports true whether or not it removed anything.</summary>
    DeleteAlwaysReportsTrue,

    /// <summary>Exists answers true for any id that was ever saved.</summary>
    ExistsAfterDelete,

    /// <summary>Update reads, changes and saves without holding anything: concurrent updates are lost.</summary>
    UpdateWithoutLock,

    /// <summary>SaveIfMatch saves whatever the expected ETag.</summary>
    SaveIfMatchIgnoresTheETag,

    /// <summary>List returns the ids newest first instead of in ordinal order.</summary>
    ListInSaveOrder,

    /// <summary>Delete removes the session even for an id the rules refuse, instead of throwing first.</summary>
    DeleteSkipsTheIdCheck,

    /// <summary>The catalog's metadata of a session is the first it ever gave: later writes are not seen.</summary>
    CatalogMetadataIsStale,

    /// <summary>UpdateMetadata saves the session again, so its ETag changes (the transcript is rewritten).</summary>
    UpdateMetadataRewritesTheTranscript,

    /// <summary>Search looks for the first word only: phrases and the other words are ignored.</summary>
    SearchUsesTheFirstWordOnly,

    /// <summary>Query ignores the page token: every page is the first (a walk that trusts it never ends).</summary>
    QueryIgnoresThePageToken,
}

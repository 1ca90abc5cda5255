namespace SessionStore;

/// <summary>The order of a paged listing (<see cref="ISessionPaging"/>).</summary>
public enum SessionOrder
{
    /// <summary>By id, ordinal, ascending (as <see cref="ISessionStore{TSession}.List"/>).</summary>
    Id = 0,

    /// <summary>Most recently written first (a file's last write time, a row's <c>updated_at</c>); equal times by id, descending.</summary>
    Recent,
}

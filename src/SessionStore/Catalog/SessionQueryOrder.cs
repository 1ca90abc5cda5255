namespace SessionStore;

/// <summary>The order of a catalog query's sessions (<see cref="SessionQuery.Order"/>).</summary>
public enum SessionQueryOrder
{
    /// <summary>Most recently written first (ties by id).</summary>
    Recent = 0,

    /// <summary>Most recently created first (ties by id).</summary>
    Created,

    /// <summary>By id, ordinal.</summary>
    Id,

    /// <summary>By title, ignoring case (ties by id).</summary>
    Title,
}

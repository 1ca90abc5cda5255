namespace SessionStore.Tool.Serve.Api;

/// <summary>
/// What the page needs to know about this viewer: the backend (no path), whether the store has a catalog (filters
/// and search) and if not why, whether writes are allowed, and the anti-CSRF token writes carry.
/// </summary>
internal sealed record ViewerInfo(string Backend, bool Catalog, string? SearchDisabled, bool AllowWrite, bool CanEditMetadata, string CsrfToken);

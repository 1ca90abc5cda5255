using System.Text.Json;

namespace SessionStore;

/// <summary>A session of any type, as <see cref="AnySessionStore"/> reads it: a reference-format session, or the JSON of another type's.</summary>
/// <param name="SessionId">The session's id (its file's name).</param>
/// <param name="Reference">The session, when its file is a valid reference-format session; otherwise <see langword="null"/>.</param>
/// <param name="Json">The file's JSON when it is a session of another type; <c>default</c> for a reference-format session.</param>
internal sealed record AnySession(string SessionId, StoredSession? Reference, JsonElement Json);

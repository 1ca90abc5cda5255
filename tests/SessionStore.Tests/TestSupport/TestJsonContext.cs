using System.Text.Json.Serialization;

namespace SessionStore.Tests.TestSupport;

/// <summary>JSON for the tests' own plumbing; reflection is off in this project, as it is for our users.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(PythonSession))]
[JsonSerializable(typeof(List<PythonSession>))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>A session as the Python reference prints it.</summary>
public sealed record PythonSession(
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("messages")] string[] Messages,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens);

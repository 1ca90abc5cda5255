using System.Text.Json.Serialization;

namespace SessionStore.Index;

/// <summary>The JSON of the index's own columns (tags, fields), source-generated for trimming and NativeAOT.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class IndexJsonContext : JsonSerializerContext;

using System.Text.Json;
using System.Text.Json.Serialization;
using SessionStore.Tool.Serve.Api;

namespace SessionStore.Tool.Serve;

/// <summary>The viewer's JSON: source-generated (trimming- and AOT-safe), camelCase as a browser expects.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ViewerError))]
[JsonSerializable(typeof(ViewerInfo))]
[JsonSerializable(typeof(ViewerListPage))]
[JsonSerializable(typeof(List<ViewerTrashRow>))]
[JsonSerializable(typeof(ViewerMetadataChange))]
[JsonSerializable(typeof(ViewerDone))]
internal sealed partial class ViewerJsonContext : JsonSerializerContext;

using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace SessionStore.Tool.Serve;

/// <summary>The front end: a page, a script and a style sheet, embedded in the tool (Serve/wwwroot) and served from memory.</summary>
internal static class ViewerAssets
{
    private static readonly FrozenDictionary<string, (string ContentType, byte[] Bytes)> Files = Load();

    /// <summary>Serves the asset of <paramref name="name"/>, or 404.</summary>
    internal static Task ServeAsync(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Bytes.Length;
        return context.Response.Body.WriteAsync(file.Bytes).AsTask();
    }

    private static FrozenDictionary<string, (string, byte[])> Load()
    {
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        var assembly = typeof(ViewerAssets).Assembly;
        foreach (string resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith("viewer/", StringComparison.Ordinal))
            {
                continue;
            }

            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            string name = resource["viewer/".Length..];
            string type = Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            files[name] = (type, memory.ToArray());
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

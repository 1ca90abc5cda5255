using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionStore.Tool.Cli;
using SessionStore.Tool.Serve.Api;

namespace SessionStore.Tool.Serve;

/// <summary>
/// The viewer's web server: Kestrel from <see cref="WebApplication.CreateSlimBuilder()"/>, minimal APIs whose JSON is
/// source-generated (<see cref="ViewerJsonContext"/>), every request through <see cref="ViewerGuard"/> first, and the
/// embedded front end. Runs until Ctrl+C or SIGTERM.
/// </summary>
internal static class ViewerServer
{
    /// <summary>How often a followed session is looked at (one stat of its file, or one summary of its row).</summary>
    private static readonly TimeSpan FollowInterval = TimeSpan.FromMilliseconds(200);

    internal static async Task<int> RunAsync(ToolStore store, ViewerOptions options, bool open)
    {
        var access = new ViewerAccess(options);
        var data = new ViewerData(store);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ViewerJsonContext.Default));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Listen(options.Address, options.Port);
        });

        WebApplication app = builder.Build();
        app.Use((context, next) => ViewerGuard.InvokeAsync(context, next, access));
        Map(app, data, access);

        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            throw new ToolException(ExitCodes.Failure,
                $"cannot listen on {options.Address} port {options.Port}: {Errors.Plain(ex.Message)} (choose another with --port; 0 picks a free one)");
        }

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        access.Started(new Uri(bound).Port);
        string url = options.TokenRequired ? access.BaseUrl + "?token=" + access.Token : access.BaseUrl;
        Console.Out.WriteLine($"sessions serve: {url}");
        Console.Out.WriteLine(
            $"serving the {data.Backend}{(options.AllowWrite ? "; writes allowed (--allow-write)" : ", read-only")}" +
            $"{(options.TokenRequired ? "; the address above holds its access token: share it with care" : "")}. Ctrl+C stops.");
        Console.Out.Flush();
        if (open)
        {
            OpenBrowser(url);
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return ExitCodes.Success;
    }

    private static void Map(WebApplication app, ViewerData data, ViewerAccess access)
    {
        CancellationToken stopping = app.Lifetime.ApplicationStopping;
        app.MapGet("/", context => ViewerAssets.ServeAsync(context, "index.html"));
        app.MapGet("/app.js", context => ViewerAssets.ServeAsync(context, "app.js"));
        app.MapGet("/app.css", context => ViewerAssets.ServeAsync(context, "app.css"));
        app.MapGet("/favicon.ico", context => ViewerAssets.ServeAsync(context, "favicon.svg"));

        app.MapGet("/api/info", () => Results.Json(
            new ViewerInfo(data.Backend, data.HasCatalog, data.SearchDisabled, access.Options.AllowWrite, data.HasCatalog && access.Options.AllowWrite, access.CsrfToken),
            ViewerJsonContext.Default.ViewerInfo));

        app.MapGet("/api/sessions", async (HttpContext context) =>
        {
            try
            {
                ViewerListRequest request = ViewerListRequest.From(context.Request.Query);
                if (!data.HasCatalog && (request.Search is not null || request.Tags.Count > 0 || request.Owner is not null || request.Agent is not null || request.UpdatedSince is not null))
                {
                    return Refuse(StatusCodes.Status400BadRequest, data.SearchDisabled!);
                }

                return Results.Json(await data.ListAsync(request, context.RequestAborted), ViewerJsonContext.Default.ViewerListPage);
            }
            catch (ArgumentException ex)
            {
                return Refuse(StatusCodes.Status400BadRequest, Errors.Plain(ex.Message));
            }
            catch (Exception ex)
            {
                return ViewerFailures.Result(ex);
            }
        });

        app.MapGet("/api/sessions/{id}", (string id, HttpContext context) =>
            WithId(id, async () => Results.Bytes(await data.SessionJsonAsync(id, context.RequestAborted), "application/json")));

        app.MapGet("/api/sessions/{id}/raw", (string id, HttpContext context) =>
            WithId(id, async () => Results.Bytes((await data.LoadAsync(id, context.RequestAborted)).Document, "application/json")));

        app.MapGet("/api/sessions/{id}/events", (string id, HttpContext context) =>
            SessionIdRules.IsValid(id) ? FollowAsync(context, id, data, stopping) : ViewerGuard.RefuseAsync(context, StatusCodes.Status400BadRequest, "not a valid session id"));

        app.MapGet("/api/trash", async (HttpContext context) =>
        {
            try
            {
                return Results.Json(await data.TrashAsync(context.RequestAborted), ViewerJsonContext.Default.ListViewerTrashRow);
            }
            catch (Exception ex)
            {
                return ViewerFailures.Result(ex);
            }
        });

        app.MapPost("/api/sessions/{id}/pin", (string id, HttpContext context) => WithId(id, async () => Done(await data.PinAsync(id, pin: true, context.RequestAborted))));
        app.MapPost("/api/sessions/{id}/unpin", (string id, HttpContext context) => WithId(id, async () => Done(await data.PinAsync(id, pin: false, context.RequestAborted))));
        app.MapPost("/api/sessions/{id}/trash", (string id, HttpContext context) => WithId(id, async () => Done(await data.MoveToTrashAsync(id, context.RequestAborted))));
        app.MapPost("/api/trash/{id}/restore", (string id, HttpContext context) => WithId(id, async () => Done(await data.RestoreAsync(id, context.RequestAborted))));
        app.MapPost("/api/sessions/{id}/metadata", (string id, HttpContext context) => WithId(id, async () =>
        {
            if (!data.HasCatalog)
            {
                return Refuse(StatusCodes.Status409Conflict, "this store has no catalog: titles and tags cannot be changed here");
            }

            ViewerMetadataChange? change;
            try
            {
                change = await context.Request.ReadFromJsonAsync(ViewerJsonContext.Default.ViewerMetadataChange, context.RequestAborted);
            }
            catch (System.Text.Json.JsonException)
            {
                change = null;
            }

            if (change is null)
            {
                return Refuse(StatusCodes.Status400BadRequest, "the body must be a JSON object with title, addTags and removeTags");
            }

            try
            {
                return Done(await data.UpdateMetadataAsync(id, change, context.RequestAborted));
            }
            catch (ArgumentException ex) when (ex is not ArgumentNullException)
            {
                return Refuse(StatusCodes.Status400BadRequest, Errors.Plain(ex.Message));
            }
        }));

        app.MapFallback((HttpContext context) => Refuse(StatusCodes.Status404NotFound, "no such page"));
    }

    private static async Task<IResult> WithId(string id, Func<Task<IResult>> action)
    {
        if (!SessionIdRules.IsValid(id))
        {
            return Refuse(StatusCodes.Status400BadRequest, "not a valid session id");
        }

        try
        {
            return await action();
        }
        catch (Exception ex)
        {
            return ViewerFailures.Result(ex);
        }
    }

    private static IResult Done(string what) => Results.Json(new ViewerDone(what), ViewerJsonContext.Default.ViewerDone);

    private static IResult Refuse(int status, string message) => Results.Json(new ViewerError(message), ViewerJsonContext.Default.ViewerError, statusCode: status);

    /// <summary>
    /// Server-sent events: a <c>change</c> event (its data the new version, or <c>gone</c>) each time the session is
    /// written, looked at every <see cref="FollowInterval"/>; a comment now and then keeps the connection open.
    /// </summary>
    private static async Task FollowAsync(HttpContext context, string id, ViewerData data, CancellationToken stopping)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        CancellationToken token = cancel.Token;
        try
        {
            string last = context.Request.Query["version"].ToString() is { Length: > 0 } known ? known : await data.VersionAsync(id, token);
            await WriteEventAsync(context, "retry: 1000\n\n", token);
            using var timer = new PeriodicTimer(FollowInterval);
            int quiet = 0;
            while (await timer.WaitForNextTickAsync(token))
            {
                string version = await data.VersionAsync(id, token);
                if (version != last)
                {
                    last = version;
                    quiet = 0;
                    await WriteEventAsync(context, $"event: change\ndata: {version}\n\n", token);
                }
                else if (++quiet % 75 == 0)
                {
                    await WriteEventAsync(context, ": still here\n\n", token);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away, or the viewer is stopping.
        }
        catch (Exception ex) when (ex is IOException or SessionStorageException or UnauthorizedAccessException)
        {
            ViewerFailures.Describe(ex); // said on the terminal; the page's EventSource reconnects
        }
    }

    private static async Task WriteEventAsync(HttpContext context, string text, CancellationToken token)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), token);
        await context.Response.Body.FlushAsync(token);
    }

    private static void OpenBrowser(string url)
    {
        string opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? "explorer.exe" : "xdg-open";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(opener, [url]) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            Output.Error($"serve: could not open a browser ({opener}): open the address above yourself");
        }
    }
}

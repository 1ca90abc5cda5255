using Microsoft.AspNetCore.Http;

namespace SessionStore.Tool.Serve;

/// <summary>
/// The checks in front of every request, in order: the security headers (a strict Content-Security-Policy with no
/// inline script, no framing, no referrer, no sniffing, no caching); the Host header must name this server (DNS
/// rebinding); the access token when one is required (<c>?token=</c> once, then a cookie, or the
/// <c>X-Viewer-Token</c> header); and for a write, <c>--allow-write</c>, a POST, the anti-CSRF header and a
/// same-origin <c>Origin</c> and <c>Sec-Fetch-Site</c>. A refusal says why in plain words, never with a path.
/// </summary>
internal static class ViewerGuard
{
    /// <summary>The policy of every response: scripts, styles and everything else from this server only; images also as <c>data:</c> URIs (a session's own).</summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'";

    internal const string TokenHeader = "X-Viewer-Token";

    internal const string CsrfHeader = "X-Viewer-Csrf";

    internal static async Task InvokeAsync(HttpContext context, RequestDelegate next, ViewerAccess access)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers.CacheControl = "no-store";

        HttpRequest request = context.Request;
        if (!access.IsOwnHost(request.Headers.Host.ToString()))
        {
            await RefuseAsync(context, StatusCodes.Status421MisdirectedRequest, "this viewer answers to its own address only (the Host header names another)");
            return;
        }

        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsPost(request.Method))
        {
            await RefuseAsync(context, StatusCodes.Status405MethodNotAllowed, "only GET and POST");
            return;
        }

        if (access.Options.TokenRequired && !await AuthorizeAsync(context, access))
        {
            return;
        }

        if (HttpMethods.IsPost(request.Method) && !await AllowWriteAsync(context, access))
        {
            return;
        }

        await next(context);
    }

    private static async Task<bool> AuthorizeAsync(HttpContext context, ViewerAccess access)
    {
        HttpRequest request = context.Request;
        if (request.Query.TryGetValue("token", out var queryToken))
        {
            if (access.IsToken(queryToken.ToString()) && HttpMethods.IsGet(request.Method))
            {
                // The token's first use: a cookie from now on, and the address without it (kept out of history and logs).
                context.Response.Cookies.Append(access.CookieName, access.Token, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Strict,
                    Path = "/",
                    IsEssential = true,
                });
                context.Response.Redirect(request.Path.HasValue ? request.PathBase + request.Path : "/");
                return false;
            }
        }
        else if (access.IsToken(request.Cookies[access.CookieName]) || access.IsToken(request.Headers[TokenHeader].ToString()))
        {
            return true;
        }

        await RefuseAsync(context, StatusCodes.Status401Unauthorized,
            "this viewer needs its access token: open the address 'sessions serve' printed (it ends in ?token=...)");
        return false;
    }

    private static async Task<bool> AllowWriteAsync(HttpContext context, ViewerAccess access)
    {
        HttpRequest request = context.Request;
        if (!access.Options.AllowWrite)
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "this viewer is read-only: start it with 'sessions serve --allow-write' to change sessions");
            return false;
        }

        string origin = request.Headers.Origin.ToString();
        string site = request.Headers["Sec-Fetch-Site"].ToString();
        bool sameOrigin = (origin.Length == 0 || string.Equals(origin, "http://" + request.Headers.Host, StringComparison.OrdinalIgnoreCase))
            && (site.Length == 0 || site == "same-origin");
        if (!sameOrigin || !access.IsCsrfToken(request.Headers[CsrfHeader].ToString()))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "a write must come from this viewer's own page (the anti-CSRF check failed)");
            return false;
        }

        return true;
    }

    internal static Task RefuseAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Api.ViewerError(message), ViewerJsonContext.Default.ViewerError);
    }
}

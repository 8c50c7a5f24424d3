using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Pincer.ControlUi.Serving;

/// <summary>
/// Serves the Control UI from the gateway's HTTP port: <c>{base}/</c> is the app shell (never cached without a
/// revalidation), <c>{base}/assets/{version}/…</c> are the embedded files (immutable for the running build).
/// Anything else is left to the caller, so the gateway's own routes stay as they are.
/// </summary>
public static class ControlUiServer
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private const string Revalidate = "no-cache";
    private static readonly ConcurrentDictionary<string, ControlUiAsset> IndexByBase = new(StringComparer.Ordinal);

    /// <summary>The asset version of this build, as it appears in asset URLs.</summary>
    public static string Version => ControlUiAssets.Embedded.Version;

    /// <summary>Answers the request when it is a Control UI path; false means "not mine".</summary>
    public static Task<bool> TryServeAsync(HttpContext context, ControlUiOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var request = context.Request;
        if (!options.Enabled || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            return Task.FromResult(false);
        }

        var path = request.Path.Value ?? "/";
        var basePath = options.BasePath;
        if (basePath.Length > 0)
        {
            if (path == basePath)
            {
                // Relative asset URLs need the trailing slash.
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = basePath + "/";
                return Task.FromResult(true);
            }

            if (!path.StartsWith(basePath + "/", StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }

            path = path[basePath.Length..];
        }

        var assets = ControlUiAssets.Embedded;
        if (path is "/" or "/index.html")
        {
            var index = IndexByBase.GetOrAdd(basePath, assets.Index);
            return SendAsync(context, index, Revalidate);
        }

        if (path == "/favicon.svg" && assets.Find("favicon.svg") is { } icon)
        {
            return SendAsync(context, icon, Revalidate);
        }

        const string assetsPrefix = "/assets/";
        if (path.StartsWith(assetsPrefix, StringComparison.Ordinal))
        {
            var rest = path[assetsPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && assets.Find(rest[(slash + 1)..]) is { } asset)
            {
                // A page from an older build may still ask for its version: it gets today's file, but must not keep it.
                var cache = rest[..slash] == assets.Version ? Immutable : Revalidate;
                return SendAsync(context, asset, cache);
            }
        }

        return Task.FromResult(false);
    }

    private static async Task<bool> SendAsync(HttpContext context, ControlUiAsset asset, string cacheControl)
    {
        var response = context.Response;
        SecurityHeaders.Apply(response, context.Request.Host.HasValue ? context.Request.Host.Value : null);
        response.Headers.CacheControl = cacheControl;
        response.Headers.ETag = asset.ETag;
        if (IfNoneMatch(context.Request, asset.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(asset.Body, context.RequestAborted).ConfigureAwait(false);
        }

        return true;
    }

    private static bool IfNoneMatch(HttpRequest request, string etag)
    {
        foreach (var value in request.Headers.IfNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(','))
            {
                var tag = candidate.Trim();
                if (tag == "*" || tag == etag || tag == "W/" + etag)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

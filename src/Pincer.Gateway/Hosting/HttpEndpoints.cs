using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pincer.ControlUi.Serving;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Health;

namespace Pincer.Gateway.Hosting;

/// <summary>The plain HTTP routes on the gateway port: liveness, readiness, startup state, then the Control UI.</summary>
internal static class HttpEndpoints
{
    public static async Task HandleAsync(HttpContext context, GatewayRuntime runtime, EventLoopMonitor monitor, ConfigState config)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/health" or "/healthz":
                await Json(context, 200, """{"ok":true,"status":"live"}""").ConfigureAwait(false);
                return;
            case "/ready" or "/readyz":
                await Json(context, 200, new JsonObject
                {
                    ["ready"] = true,
                    ["failing"] = new JsonArray(),
                    ["uptimeMs"] = runtime.UptimeMs,
                    ["eventLoop"] = monitor.Snapshot(),
                }.ToJsonString()).ConfigureAwait(false);
                return;
            case "/startupz":
                await Json(context, 200, """{"ok":true,"status":"started"}""").ConfigureAwait(false);
                return;
        }

        if (await ControlUiServer.TryServeAsync(context, ControlUiSettings(config.Current)).ConfigureAwait(false))
        {
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        await context.Response.WriteAsync("Not Found").ConfigureAwait(false);
    }

    /// <summary><c>gateway.controlUi.enabled</c> is read per request so it applies hot; an unusable basePath serves nothing.</summary>
    private static ControlUiOptions ControlUiSettings(ConfigSnapshot config)
    {
        var basePath = ControlUiOptions.NormalizeBasePath(config.String("gateway.controlUi.basePath"));
        return new ControlUiOptions(config.Bool("gateway.controlUi.enabled") != false && basePath is not null, basePath ?? "");
    }

    private static Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body);
    }
}

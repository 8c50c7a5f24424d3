using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pincer.Gateway.Health;

namespace Pincer.Gateway.Hosting;

/// <summary>The plain HTTP routes on the gateway port: liveness, readiness, startup state.</summary>
internal static class HttpEndpoints
{
    public static Task HandleAsync(HttpContext context, GatewayRuntime runtime, EventLoopMonitor monitor)
    {
        var path = context.Request.Path.Value ?? "/";
        switch (path)
        {
            case "/health" or "/healthz":
                return Json(context, 200, """{"ok":true,"status":"live"}""");
            case "/ready" or "/readyz":
                return Json(context, 200, new JsonObject
                {
                    ["ready"] = true,
                    ["failing"] = new JsonArray(),
                    ["uptimeMs"] = runtime.UptimeMs,
                    ["eventLoop"] = monitor.Snapshot(),
                }.ToJsonString());
            case "/startupz":
                return Json(context, 200, """{"ok":true,"status":"started"}""");
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return context.Response.WriteAsync("Not Found");
        }
    }

    private static Task Json(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body);
    }
}

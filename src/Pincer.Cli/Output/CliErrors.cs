using System.Text.Json.Nodes;
using Pincer.Client.Connection;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Output;

/// <summary>
/// The reference's machine-readable failure documents (<c>{ok:false, error:{type,…}}</c>) for
/// <c>--json</c> runs, and the one-line human equivalents.
/// </summary>
internal static class CliErrors
{
    public static JsonObject RequestError(GatewayRequestException ex)
    {
        var error = new JsonObject
        {
            ["type"] = "gateway_request_error",
            ["code"] = ex.Error.Code,
            ["message"] = ex.Error.Message,
        };
        if (ex.Error.Details is not null)
        {
            error["details"] = ex.Error.Details.DeepClone();
        }

        error["retryable"] = ex.Retryable;
        if (ex.Error.RetryAfterMs is { } retryAfter)
        {
            error["retryAfterMs"] = retryAfter;
        }

        return new JsonObject { ["ok"] = false, ["error"] = error };
    }

    public static JsonObject TransportError(GatewayTransportException ex, GatewayTarget target)
    {
        var error = new JsonObject
        {
            ["type"] = "gateway_transport_error",
            ["kind"] = ex.KindName,
            ["message"] = TransportHeadline(ex, target),
        };
        if (ex.CloseCode is { } code)
        {
            error["code"] = code;
        }

        var reason = ex.SocketCode is not null ? ex.Message : ex.CloseReason;
        if (reason is not null)
        {
            error["reason"] = reason;
        }

        if (ex.TimeoutMs is { } timeout)
        {
            error["timeoutMs"] = timeout;
        }

        return new JsonObject
        {
            ["ok"] = false,
            ["error"] = error,
            ["gateway"] = new JsonObject { ["url"] = target.Url.ToString().TrimEnd('/'), ["urlSource"] = target.UrlSource },
        };
    }

    public static JsonObject Simple(string type, string message) =>
        new() { ["ok"] = false, ["error"] = new JsonObject { ["type"] = type, ["message"] = message } };

    /// <summary>First line of the transport failure, the part the reference puts in <c>error.message</c>.</summary>
    public static string TransportHeadline(GatewayTransportException ex, GatewayTarget target)
    {
        var url = target.Url.ToString().TrimEnd('/');
        if (ex.SocketCode is not null)
        {
            return $"Gateway not reachable at {url} ({ex.SocketCode}).";
        }

        return ex.Kind == GatewayTransportErrorKind.Timeout
            ? $"gateway timeout after {ex.TimeoutMs}ms"
            : $"gateway closed ({ex.CloseCode ?? 1006}): {ex.CloseReason}";
    }

    /// <summary>Human-mode explanation on stderr.</summary>
    public static void WriteTransportHuman(TextWriter err, GatewayTransportException ex, GatewayTarget target)
    {
        err.WriteLine(TransportHeadline(ex, target));
        if (ex.SocketCode is not null)
        {
            err.WriteLine("Is a gateway running? Start one with `openclaw gateway run`, or inspect with `openclaw gateway status`.");
        }

        err.WriteLine($"Gateway target: {target.Url.ToString().TrimEnd('/')}");
        err.WriteLine($"Source: {target.UrlSource}");
        err.WriteLine($"Config: {target.ConfigPath}");
    }
}

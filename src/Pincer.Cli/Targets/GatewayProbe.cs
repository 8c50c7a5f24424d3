using System.Diagnostics;
using System.Text.Json.Nodes;
using Pincer.Client.Connection;

namespace Pincer.Cli.Targets;

/// <summary>
/// Reachability probe used by <c>status</c> and <c>gateway status</c>: a <c>cli/probe</c> connect
/// (protocol 3..4, <c>operator.read</c>), optionally one read, then close. Never throws for
/// gateway-side failures; the outcome is data.
/// </summary>
internal static class GatewayProbe
{
    public static async Task<GatewayProbeResult> RunAsync(GatewayTarget target, TimeSpan timeout, string? followUpMethod, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await using var client = await GatewayCaller.ConnectAsync(target, GatewayCallIdentity.Probe, ["operator.read"], timeout, ct).ConfigureAwait(false);
            var latency = watch.ElapsedMilliseconds;
            JsonNode? followUp = null;
            if (followUpMethod is not null)
            {
                try
                {
                    followUp = await client.RequestAsync(followUpMethod, null, new GatewayRequestOptions { Timeout = timeout }, ct).ConfigureAwait(false);
                }
                catch (GatewayRequestException)
                {
                    // A probe with too few scopes still proves reachability.
                }
            }

            return new GatewayProbeResult(true, latency, client.Hello, followUp, null, null);
        }
        catch (GatewayRequestException ex)
        {
            return new GatewayProbeResult(false, watch.ElapsedMilliseconds, null, null, ex.Error.Message, "auth");
        }
        catch (GatewayTransportException ex)
        {
            var kind = ex.SocketCode is not null ? "unreachable" : ex.Kind == GatewayTransportErrorKind.Timeout ? "timeout" : "closed";
            return new GatewayProbeResult(false, watch.ElapsedMilliseconds, null, null, ex.Message, kind);
        }
    }

    /// <summary>The reference's capability buckets, from the scopes hello-ok granted.</summary>
    public static string Capability(JsonObject? hello)
    {
        if (hello?["auth"]?["scopes"] is not JsonArray scopes)
        {
            return "unknown";
        }

        var set = scopes.Select(s => s?.ToString()).ToHashSet(StringComparer.Ordinal);
        return set.Contains("operator.admin") ? "admin_capable"
            : set.Contains("operator.write") ? "write_capable"
            : set.Contains("operator.read") ? "read_only"
            : "connected_no_operator_scope";
    }
}

using System.Net.Sockets;
using System.Text.Json.Nodes;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// <c>hostDesktop</c>: the Desktop lab's VNC source from <c>desktop.host</c>. Disabled unless
/// <c>desktop.host.enabled</c> is true; when enabled, a loopback port nobody listens on is
/// "unavailable". Pincer does not speak RFB, so a listening server is not classified further
/// (the reference would report its security type) and is reported as unavailable too.
/// </summary>
internal static class HostDesktopStatus
{
    private const int DefaultPort = 5900;

    public static async Task<JsonObject> InspectAsync(LocalConfigFile config, CancellationToken ct)
    {
        var port = config.Int("desktop.host.port") ?? DefaultPort;
        var enabled = config.Node("desktop.host.enabled") is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.True;
        if (!enabled)
        {
            return new JsonObject { ["enabled"] = false, ["state"] = "disabled", ["port"] = port };
        }

        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Not listening: the reference's "unavailable" as well.
        }

        return new JsonObject { ["enabled"] = true, ["state"] = "unavailable", ["port"] = port };
    }

    /// <summary>The one-line human form.</summary>
    public static string Describe(JsonNode? status) =>
        status?["state"]?.GetValue<string>() is null or "disabled" ? "disabled" : $"{status["state"]} · 127.0.0.1:{status["port"]}";
}

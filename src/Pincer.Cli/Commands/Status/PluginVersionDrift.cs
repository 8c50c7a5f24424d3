using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// <c>gateway status --json</c> → <c>pluginVersionDrift</c>: enabled official plugins installed at a
/// release other than the gateway's. Pincer installs no plugin packages (its plugins are built in),
/// so there are no install records to compare and the drift list is always empty; the gateway
/// version is the probed one, else this CLI's.
/// </summary>
internal static class PluginVersionDrift
{
    public static JsonObject For(string? gatewayVersion) => new()
    {
        ["gatewayVersion"] = gatewayVersion ?? CliVersion.Compatible,
        ["drifts"] = new JsonArray(),
    };
}

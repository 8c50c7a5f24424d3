using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>The machine-local facts <c>gateway status</c> gathers beside the probe.</summary>
internal sealed record GatewayStatusLocal(
    string LogFile,
    ServiceInspection Service,
    bool TargetsProbe,
    JsonObject Port,
    JsonObject HostDesktop,
    bool UrlOverride);

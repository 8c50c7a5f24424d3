using System.Text.Json.Nodes;
using Pincer.Cli.Targets;

namespace Pincer.Cli.Commands.Status;

/// <summary>Everything <c>status</c> gathered before shaping its report.</summary>
internal sealed class StatusFacts
{
    public required LocalConfigFile Config { get; init; }

    public bool All { get; init; }

    public bool Deep { get; init; }

    /// <summary>The gateway's <c>status</c> payload, or the locally rebuilt summary when offline.</summary>
    public JsonObject Payload { get; set; } = [];

    /// <summary>Why the <c>status</c> RPC failed after a successful connect.</summary>
    public string? StatusError { get; set; }

    /// <summary>The offline agent view; null when the gateway answered.</summary>
    public JsonObject? LocalAgents { get; set; }

    public ServiceInspection? GatewayService { get; set; }

    public ServiceInspection? NodeService { get; set; }

    public JsonNode? Health { get; set; }

    public JsonNode? LastHeartbeat { get; set; }
}

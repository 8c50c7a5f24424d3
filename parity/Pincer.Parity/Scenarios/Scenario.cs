using System.Text.Json.Nodes;

namespace Pincer.Parity.Scenarios;

/// <summary>One scenario file: the gateway to start and the steps to run against it.</summary>
public sealed record Scenario(string Id, string Subsystem, string File, string Description, GatewaySpec Gateway, JsonArray Steps)
{
    public override string ToString() => Id;
}

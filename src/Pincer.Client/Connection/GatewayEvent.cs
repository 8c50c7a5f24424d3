using System.Text.Json.Nodes;

namespace Pincer.Client.Connection;

/// <summary>An event frame as received; <see cref="Seq"/> is absent on unsequenced events (challenge, snapshots).</summary>
public sealed record GatewayEvent(string Event, JsonNode? Payload, long? Seq, JsonObject Frame);

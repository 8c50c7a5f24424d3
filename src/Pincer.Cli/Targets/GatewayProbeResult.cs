using System.Text.Json.Nodes;

namespace Pincer.Cli.Targets;

/// <summary>What a probe learned; <see cref="FailureKind"/> is unreachable | timeout | closed | auth.</summary>
internal sealed record GatewayProbeResult(bool Ok, long LatencyMs, JsonObject? Hello, JsonNode? FollowUp, string? Error, string? FailureKind);

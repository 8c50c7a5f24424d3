using System.Text.Json.Nodes;

namespace Pincer.Routing.Groups;

/// <summary>
/// Whether a group is admitted: <see cref="AllowlistEnabled"/> when <c>groupPolicy</c> is <c>allowlist</c> or
/// any <c>groups</c> are configured; <see cref="GroupConfig"/> is the group's own entry and
/// <see cref="DefaultConfig"/> the <c>"*"</c> entry, as authored.
/// </summary>
public sealed record GroupPolicyDecision(bool AllowlistEnabled, bool Allowed, JsonNode? GroupConfig, JsonNode? DefaultConfig);

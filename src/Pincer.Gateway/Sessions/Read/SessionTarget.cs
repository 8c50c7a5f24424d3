using System.Text.Json.Nodes;
using Pincer.Abstractions.Sessions;
using Pincer.Abstractions.Text;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Sessions.Read;

/// <summary>
/// Which agent owns a requested session key and under which store key its row lives: an
/// <c>agent:&lt;id&gt;:…</c> key names its agent, a bare key belongs to the explicit <c>agentId</c> or the
/// default agent. Refusals carry the reference's messages (malformed key, unknown agent, mismatch).
/// </summary>
internal sealed record SessionTarget(string AgentId, string StoreKey)
{
    public static SessionTarget Resolve(JsonNode? config, string key, string? explicitAgentId)
    {
        if (SessionKeys.ClassifyShape(key) == SessionKeyShape.MalformedAgent)
        {
            throw new RpcException(RpcError.InvalidRequest($"malformed session key \"{key}\""));
        }

        string? requested = null;
        if (explicitAgentId is not null)
        {
            if (!Abstractions.Agents.AgentId.TryNormalizeStrict(explicitAgentId, out var strict))
            {
                throw new RpcException(RpcError.InvalidRequest($"Unknown agent id \"{explicitAgentId}\""));
            }

            requested = strict.Value;
        }

        var agents = SessionAgents.FromConfig(config);
        if (requested is not null && !agents.IsConfigured(requested))
        {
            throw new RpcException(RpcError.InvalidRequest($"Unknown agent id \"{explicitAgentId}\""));
        }

        var mainKey = config?["session"]?["mainKey"] is JsonValue mv && mv.TryGetValue<string>(out var m) ? m : null;
        if (SessionKeys.ParseAgent(JsText.Trim(key)) is { } parsed)
        {
            var keyAgent = Abstractions.Agents.AgentId.NormalizeValue(parsed.AgentId);
            if (requested is not null && keyAgent != requested)
            {
                throw new RpcException(RpcError.InvalidRequest($"agent \"{explicitAgentId}\" does not match session key agent \"{keyAgent}\""));
            }

            return new SessionTarget(keyAgent, StoreKeyFor(keyAgent, key, mainKey));
        }

        var owner = requested ?? agents.DefaultId;
        return new SessionTarget(owner, StoreKeyFor(owner, key, mainKey));
    }

    /// <summary>The key a row is stored under: <c>global</c>/<c>unknown</c> as is, everything else scoped to the agent.</summary>
    public static string StoreKeyFor(string agentId, string key, string? mainKey)
    {
        var trimmed = JsText.Trim(key);
        return SessionKeys.IsUnscopedSentinel(trimmed) ? JsText.Lower(trimmed) : SessionKeys.ToStoreKey(agentId, trimmed, mainKey);
    }
}

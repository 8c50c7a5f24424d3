using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Sessions;
using Pincer.Agents.Models;
using Pincer.Gateway.Agents;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Models;
using Pincer.Gateway.Sessions.Write;

namespace Pincer.Gateway.Control.Methods;

/// <summary>
/// What the gateway can say about its models and agents without running one: <c>models.list</c>,
/// <c>models.authStatus</c> and <c>agent.identity.get</c>.
/// </summary>
internal sealed class ModelMethods(ConfigState config, GatewayRunOptions options, SessionTargetResolver targets, TimeProvider time) : IMethodGroup
{
    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("models.list", "ModelsListParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(List(r.Params))),
        new("models.authStatus", "ModelsAuthStatusParamsSchema", (_, _) => ValueTask.FromResult<JsonNode?>(
            ModelAuthStatus.Report(config.Current.Resolved, Models(), time.GetUtcNow().ToUnixTimeMilliseconds()))),
        new("agent.identity.get", "AgentIdentityParamsSchema", async (r, ct) => await IdentityAsync(r.Params, ct).ConfigureAwait(false)),
    ];

    private ConfiguredModels Models() => new(config.Current.Resolved, options.Environment);

    private JsonObject List(JsonObject p)
    {
        var agentId = Str(p, "sessionKey") is { } key ? targets.Resolve(key, Str(p, "agentId")).AgentId : targets.Resolve(null, Str(p, "agentId")).AgentId;
        return ModelListing.List(config.Current.Resolved, Models(), agentId, p);
    }

    /// <summary>An unknown agent id is described with the defaults, as the reference does; a session key names its agent.</summary>
    private Task<JsonObject> IdentityAsync(JsonObject p, CancellationToken cancellationToken)
    {
        var agentId = Str(p, "agentId") is { } id ? AgentId.NormalizeValue(id)
            : SessionKeys.ParseAgent(Str(p, "sessionKey"))?.AgentId is { } head ? AgentId.NormalizeValue(head)
            : SessionTargetResolver.DefaultAgentId(config.Current.Resolved);
        return AgentIdentity.DescribeAsync(agentId, targets.AgentEntry(agentId)?["identity"] as JsonObject, targets.WorkspaceDir(agentId), cancellationToken);
    }

    private static string? Str(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length > 0 ? s : null;
}

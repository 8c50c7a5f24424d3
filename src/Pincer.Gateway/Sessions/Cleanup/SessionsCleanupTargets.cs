using System.Text.Json.Nodes;
using Pincer.Abstractions.Agents;
using Pincer.Abstractions.Text;
using Pincer.Gateway.Sessions.Read;
using Pincer.Gateway.Sessions.Write;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Sessions.Cleanup;

/// <summary>
/// The agent stores a cleanup covers: the named agent (which must be configured), every configured
/// agent, or the default agent; with the reference's refusals for a blank or doubled selection.
/// </summary>
internal static class SessionsCleanupTargets
{
    public static IReadOnlyList<string> Resolve(SessionsCleanupRequest request, JsonObject config)
    {
        var requested = request.Agent is null ? null : JsText.Trim(request.Agent);
        if (request.Agent is not null && requested!.Length == 0)
        {
            throw Refused("--agent must not be blank");
        }

        if (requested is not null && request.AllAgents)
        {
            throw Refused("--agent and --all-agents cannot be used together");
        }

        var agents = SessionAgents.FromConfig(config);
        if (request.AllAgents)
        {
            return agents.Ids;
        }

        if (requested is not null)
        {
            var id = AgentId.NormalizeValue(requested);
            if (!agents.IsConfigured(id))
            {
                throw Refused($"Unknown agent id \"{id}\". Run openclaw agents list to see configured agents.");
            }

            return [id];
        }

        return [SessionTargetResolver.DefaultAgentId(config)];
    }

    private static RpcException Refused(string message) => new(RpcError.InvalidRequest(message));
}

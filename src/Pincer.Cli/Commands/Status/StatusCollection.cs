using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// The online half of <c>status --json</c>: agents projected from the gateway's session summary,
/// and <c>collection</c>, which names the fields an online report leaves empty and why.
/// </summary>
internal static class StatusCollection
{
    public const string LocalInspectionSkipped = "Local plugins are not inspected when the gateway answers.";

    public static JsonObject OnlineAgents(JsonObject payload, JsonObject? projection)
    {
        var names = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var row in (projection?["agents"]?["rows"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (row["id"]?.GetValue<string>() is { } id)
            {
                names[id] = row["name"];
            }
        }

        var rows = new JsonArray();
        foreach (var agent in (payload["sessions"]?["byAgent"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var id = agent["agentId"]?.GetValue<string>() ?? "";
            var row = new JsonObject { ["id"] = id };
            if (names.TryGetValue(id, out var name) && name is not null)
            {
                row["name"] = name.DeepClone();
            }

            if (agent["admissionRefusal"] is { } refusal)
            {
                row["status"] = agent["status"]?.DeepClone();
                row["admissionRefusal"] = refusal.DeepClone();
            }

            var latest = (agent["recent"] as JsonArray)?.FirstOrDefault();
            row["workspaceDir"] = null;
            row["bootstrapPending"] = null;
            row["sessionsPath"] = agent["path"]?.DeepClone();
            row["sessionsCount"] = agent["count"]?.DeepClone();
            row["lastUpdatedAt"] = latest?["updatedAt"]?.DeepClone();
            row["lastActiveAgeMs"] = latest?["age"]?.DeepClone();
            rows.Add((JsonNode)row);
        }

        var agents = projection?["agents"] as JsonObject;
        return new JsonObject
        {
            ["defaultId"] = agents?["defaultId"]?.DeepClone(),
            ["ownership"] = agents?["ownership"]?.DeepClone(),
            ["selectionRequired"] = agents?["selectionRequired"]?.DeepClone(),
            ["agents"] = rows,
            ["totalSessions"] = payload["sessions"]?["count"]?.DeepClone(),
            ["bootstrapPendingCount"] = null,
        };
    }

    public static JsonObject Describe(JsonObject payload, JsonObject? projection, string? statusError, bool remote, bool all, bool securityAudit)
    {
        var missing = new JsonArray();
        if (remote)
        {
            missing.Add((JsonNode)Entry("A remote gateway's update channel says nothing about this CLI's install, so it was not read.", "updateChannel", "updateChannelSource"));
        }

        if (statusError is not null)
        {
            missing.Add((JsonNode)Entry(statusError, "agents", "sessions", "heartbeat", "tasks", "taskAudit", "channelSummary"));
        }
        else if ((payload["channelSummary"] as JsonArray)?.Count is null or 0)
        {
            missing.Add((JsonNode)Entry("Channel summaries are skipped online, so an empty channelSummary means not collected; `openclaw channels status` checks them.", "channelSummary"));
        }

        if (projection is null)
        {
            missing.Add((JsonNode)Entry("The gateway did not send its CLI configuration projection.",
                "agents.defaultId", "agents.ownership", "agents.selectionRequired", "agents.agents.*.name", "updateChannel"));
        }

        missing.Add((JsonNode)Entry("Agent workspaces are not inspected when the gateway answers.",
            "agents.agents.*.workspaceDir", "agents.agents.*.bootstrapPending", "agents.bootstrapPendingCount"));
        missing.Add((JsonNode)Entry("Session details and admission refusals stay redacted at operator.read.",
            "sessions.paths", "sessions.defaults", "sessions.recent", "sessions.byAgent.*.path", "sessions.byAgent.*.recent",
            "agents.agents.*.admissionRefusal", "agents.agents.*.lastUpdatedAt", "agents.agents.*.lastActiveAgeMs"));
        missing.Add((JsonNode)Entry("Only the connection settings are read from local config; degradedSecretOwners carries the gateway's own view.",
            "configDiagnostics", "secretDiagnostics"));
        if (all)
        {
            missing.Add((JsonNode)Entry(LocalInspectionSkipped, "memory", "pluginCompatibility"));
        }

        if (securityAudit)
        {
            missing.Add((JsonNode)Entry(LocalInspectionSkipped, "securityAudit"));
        }

        return new JsonObject { ["source"] = "gateway", ["notCollected"] = missing };
    }

    private static JsonObject Entry(string reason, params string[] fields) => new()
    {
        ["fields"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        ["reason"] = reason,
    };
}

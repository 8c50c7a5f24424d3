using System.Text.Json.Nodes;
using Pincer.Cli.Targets;
using Pincer.Config.Paths;
using Pincer.Storage.Sqlite.Agents;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// What <c>status</c> reports when no gateway answers: the gateway's status summary rebuilt from the
/// local config and state dir (same keys as the <c>status</c> RPC minus its live process fields),
/// plus the local agent view (workspace, bootstrap marker, session store). Reads only: an agent
/// database that does not exist yet is counted as empty, not created.
/// </summary>
internal static class LocalStatusSummary
{
    public const string DefaultAgentId = "main";
    private const string DefaultModel = "gpt-6-astra";
    private const int DefaultContextTokens = 272_000;
    private const string DefaultHeartbeatEvery = "30m";
    private const long DefaultHeartbeatMs = 1_800_000;

    public static async Task<(JsonObject Summary, JsonObject Agents)> BuildAsync(CliContext ctx, LocalConfigFile config, JsonObject hostDesktop, CancellationToken ct)
    {
        var stateDir = ConfigPathResolver.ResolveStateDir(ctx.Environment);
        var dbPath = AgentDatabase.PathFor(stateDir, DefaultAgentId);
        var count = await CountSessionsAsync(stateDir, dbPath, ct).ConfigureAwait(false);
        var every = config.String("agents.defaults.heartbeat.every") ?? DefaultHeartbeatEvery;

        var summary = new JsonObject
        {
            ["runtimeVersion"] = CliVersion.Compatible,
            ["hostDesktop"] = hostDesktop.DeepClone(),
            ["heartbeat"] = new JsonObject
            {
                ["defaultAgentId"] = DefaultAgentId,
                ["agents"] = new JsonArray(new JsonObject
                {
                    ["agentId"] = DefaultAgentId,
                    ["enabled"] = true,
                    ["every"] = every,
                    ["everyMs"] = Pincer.Config.Durations.ConfigDuration.ToMilliseconds(every) ?? DefaultHeartbeatMs,
                    ["waitingForRoute"] = true,
                }),
            },
            ["channelSummary"] = new JsonArray(),
            ["queuedSystemEvents"] = new JsonArray(),
            ["degradedSecretOwners"] = new JsonArray(),
            ["degradedPlugins"] = new JsonArray(),
            ["tasks"] = new JsonObject
            {
                ["total"] = 0, ["active"] = 0, ["terminal"] = 0, ["failures"] = 0,
                ["byStatus"] = Zeros("queued", "running", "succeeded", "failed", "timed_out", "cancelled", "lost"),
                ["byRuntime"] = Zeros("subagent", "acp", "cli", "cron"),
            },
            ["taskAudit"] = new JsonObject
            {
                ["total"] = 0, ["warnings"] = 0, ["errors"] = 0,
                ["byCode"] = Zeros("stale_queued", "stale_running", "lost", "delivery_failed", "missing_cleanup", "inconsistent_timestamps"),
            },
            ["sessions"] = new JsonObject
            {
                ["paths"] = new JsonArray(dbPath),
                ["count"] = count,
                ["defaults"] = new JsonObject
                {
                    ["model"] = config.String("agents.defaults.model") ?? config.String("agents.defaults.model.primary") ?? DefaultModel,
                    ["contextTokens"] = DefaultContextTokens,
                },
                ["recent"] = new JsonArray(),
                ["byAgent"] = new JsonArray(new JsonObject { ["agentId"] = DefaultAgentId, ["path"] = dbPath, ["count"] = count, ["recent"] = new JsonArray() }),
            },
        };

        var workspace = WorkspaceDir(ctx, config, stateDir);
        var bootstrapPending = File.Exists(Path.Combine(workspace, "BOOTSTRAP.md"));
        var agents = new JsonObject
        {
            ["defaultId"] = DefaultAgentId,
            ["ownership"] = "sole",
            ["selectionRequired"] = false,
            ["agents"] = new JsonArray(new JsonObject
            {
                ["id"] = DefaultAgentId,
                ["workspaceDir"] = workspace,
                ["bootstrapPending"] = bootstrapPending,
                ["sessionsPath"] = dbPath,
                ["sessionsCount"] = count,
                ["lastUpdatedAt"] = null,
                ["lastActiveAgeMs"] = null,
            }),
            ["totalSessions"] = count,
            ["bootstrapPendingCount"] = bootstrapPending ? 1 : 0,
        };
        return (summary, agents);
    }

    /// <summary><c>agents.defaults.workspace</c>, else <c>STATE/workspace</c> (<c>workspace-PROFILE</c> for a named profile).</summary>
    private static string WorkspaceDir(CliContext ctx, LocalConfigFile config, string stateDir)
    {
        if (config.String("agents.defaults.workspace") is { Length: > 0 } configured)
        {
            return ConfigPathResolver.ResolveUserPath(configured, ctx.Environment);
        }

        var profile = ctx.Env("OPENCLAW_PROFILE");
        var named = profile is not null && !profile.Equals("default", StringComparison.OrdinalIgnoreCase);
        return Path.Combine(stateDir, named ? $"workspace-{profile}" : "workspace");
    }

    private static async Task<int> CountSessionsAsync(string stateDir, string dbPath, CancellationToken ct)
    {
        if (!File.Exists(dbPath))
        {
            return 0;
        }

        try
        {
            await using var db = AgentDatabase.Open(stateDir, DefaultAgentId);
            return await new SqliteSessionStore(db).CountAsync(ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AgentDatabaseRefusedException or IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            // An unreadable or foreign-schema store is reported as empty rather than failing status.
            return 0;
        }
    }

    private static JsonObject Zeros(params string[] keys)
    {
        var o = new JsonObject();
        foreach (var key in keys)
        {
            o[key] = 0;
        }

        return o;
    }
}

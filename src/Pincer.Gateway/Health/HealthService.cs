using System.Diagnostics;
using System.Text.Json.Nodes;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Events;
using Pincer.Gateway.Hosting;

namespace Pincer.Gateway.Health;

/// <summary>
/// Builds the health snapshot (the <c>health</c> method, hello-ok snapshot and the periodic
/// <c>health</c> broadcast) from what this gateway actually runs.
/// </summary>
internal sealed class HealthService(GatewayRuntime runtime, ConfigState config, EventLoopMonitor loop, GatewayCounters counters, TimeProvider time)
{
    private const string DefaultHeartbeatTarget = "owner";
    private const int DefaultAckMaxChars = 300;

    // Pincer's own wording for the default heartbeat instruction (the reference's text is its authors').
    private const string DefaultHeartbeatPrompt =
        "Heartbeat check-in: use the monitor scratch context if there is any. Scheduled work belongs to automations, so manage schedules with the automations tool rather than in heartbeat scratch. Don't revive tasks from earlier conversations. When nothing needs your attention, answer NO_REPLY.";

    private JsonObject? _cached;

    public JsonObject Cached => _cached ??= Refresh();

    /// <summary>Recomputes the snapshot and bumps the health state version.</summary>
    public JsonObject Refresh()
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = Build();
        snapshot["durationMs"] = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _cached = snapshot;
        counters.BumpHealth();
        return snapshot;
    }

    /// <summary>The method response carries the model-runtime block the broadcast omits.</summary>
    public JsonObject ForResponse()
    {
        var copy = (JsonObject)Cached.DeepClone();
        var eventLoop = copy["eventLoop"];
        copy.Remove("eventLoop");
        copy["modelRuntime"] = new JsonObject { ["degraded"] = false, ["pendingAgents"] = new JsonArray() };
        copy["eventLoop"] = eventLoop;
        return copy;
    }

    private JsonObject Build()
    {
        var snapshot = config.Current;
        var agentId = "main";
        var sessionsPath = runtime.AgentDatabasePath(agentId);
        var (every, everyMs) = HeartbeatSchedule.From(snapshot);
        return new JsonObject
        {
            ["ok"] = true,
            ["ts"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["durationMs"] = 0,
            ["plugins"] = new JsonObject { ["loaded"] = new JsonArray(), ["errors"] = new JsonArray(), ["unavailable"] = new JsonArray() },
            ["configReload"] = new JsonObject { ["hotReloadStatus"] = "active" },
            ["channels"] = new JsonObject(),
            ["channelOrder"] = new JsonArray(),
            ["channelLabels"] = new JsonObject(),
            ["heartbeatSeconds"] = everyMs / 1000,
            ["defaultAgentId"] = agentId,
            ["agents"] = new JsonArray(new JsonObject
            {
                ["agentId"] = agentId,
                ["isDefault"] = true,
                ["heartbeat"] = new JsonObject
                {
                    ["enabled"] = true,
                    ["every"] = every,
                    ["everyMs"] = everyMs,
                    ["prompt"] = snapshot.String("agents.defaults.heartbeat.prompt") ?? DefaultHeartbeatPrompt,
                    ["target"] = snapshot.String("agents.defaults.heartbeat.target") ?? DefaultHeartbeatTarget,
                    ["ackMaxChars"] = DefaultAckMaxChars,
                },
                ["sessions"] = Sessions(sessionsPath),
            }),
            ["sessions"] = Sessions(sessionsPath),
            ["eventLoop"] = loop.Snapshot(),
        };
    }

    private static JsonObject Sessions(string path) => new() { ["path"] = path, ["count"] = 0, ["recent"] = new JsonArray() };
}

using System.Diagnostics;
using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Devices;
using Pincer.Gateway.Events;
using Pincer.Gateway.Health;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Logging;
using Pincer.Gateway.Presence;
using Pincer.Protocol.Errors;

namespace Pincer.Gateway.Control.Methods;

/// <summary><c>health</c>, <c>status</c>, <c>system-presence</c>, <c>system-event</c>, <c>logs.tail</c>, <c>gateway.identity.get</c>.</summary>
internal sealed class SystemMethods(
    HealthService health,
    PresenceRegistry presence,
    SystemEventQueue systemEvents,
    EventBroadcaster events,
    GatewayCounters counters,
    GatewayIdentity identity,
    GatewayLogFile logFile,
    EventLoopMonitor eventLoop,
    RequestActivity activity,
    ConfigState config,
    Sessions.StatusSessionsSummary sessions) : IMethodGroup
{
    private static readonly string[] PresenceScopes = [OperatorScopes.Read];

    private static readonly string[] PresenceFields =
        ["host", "ip", "version", "platform", "deviceFamily", "modelIdentifier", "mode", "reason", "instanceId", "deviceId", "lastInputSeconds", "roles", "scopes", "tags"];

    public IEnumerable<MethodRegistration> Methods() =>
    [
        new("health", null, (_, _) => ValueTask.FromResult<JsonNode?>(health.ForResponse())),
        new("status", null, StatusAsync),
        new("system-presence", null, (_, _) => ValueTask.FromResult<JsonNode?>(presence.Snapshot())),
        new("system-event", null, SystemEvent),
        new("logs.tail", "LogsTailParamsSchema", (r, _) => ValueTask.FromResult<JsonNode?>(LogsTail(r.Params))),
        new("gateway.identity.get", null, (_, _) => ValueTask.FromResult<JsonNode?>(new JsonObject
        {
            ["deviceId"] = identity.Identity.DeviceId,
            ["publicKey"] = identity.Identity.PublicKey,
        })),
    ];

    private JsonObject LogsTail(JsonObject p)
    {
        try
        {
            return LogTailReader.Read(logFile.CurrentFile, (long?)p["cursor"], (int?)p["limit"], (int?)p["maxBytes"]);
        }
        catch (IOException ex)
        {
            throw new RpcException(RpcError.Unavailable($"log read failed: {ex.Message}"));
        }
    }

    private ValueTask<JsonNode?> SystemEvent(RequestContext request, CancellationToken cancellationToken)
    {
        if (request.Params["text"] is not JsonValue textValue || !textValue.TryGetValue<string>(out var text) || text.Trim().Length == 0)
        {
            throw new RpcException(RpcError.InvalidRequest("invalid system-event params: must have required property 'text'"));
        }

        var entry = new JsonObject { ["text"] = text };
        foreach (var field in PresenceFields)
        {
            if (request.Params[field] is { } value)
            {
                entry[field] = value.DeepClone();
            }
        }

        presence.Upsert((string?)entry["instanceId"] ?? (string?)entry["deviceId"] ?? "event:" + text, entry);
        systemEvents.Enqueue(text);
        counters.BumpPresence();
        events.Broadcast("presence", new JsonObject { ["presence"] = presence.Snapshot() }, PresenceScopes, dropIfSlow: true, withStateVersion: true);
        return ValueTask.FromResult<JsonNode?>(new JsonObject { ["ok"] = true });
    }

    private async ValueTask<JsonNode?> StatusAsync(RequestContext request, CancellationToken ct)
    {
        var snapshot = config.Current;
        // Paths, model defaults and recent sessions are for admins only, as the reference decides.
        var sessionsBlock = await sessions.BuildAsync(snapshot.Resolved, request.IsAdmin, ct).ConfigureAwait(false);
        var heartbeat = HeartbeatSchedule.From(snapshot);
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        return new JsonObject
        {
            ["runtimeVersion"] = GatewayRuntime.CompatibleVersion,
            ["hostDesktop"] = new JsonObject { ["enabled"] = false, ["state"] = "disabled", ["port"] = 5900 },
            ["heartbeat"] = new JsonObject
            {
                ["defaultAgentId"] = "main",
                ["agents"] = new JsonArray(new JsonObject
                {
                    ["agentId"] = "main",
                    ["enabled"] = true,
                    ["every"] = heartbeat.Every,
                    ["everyMs"] = heartbeat.EveryMs,
                    ["waitingForRoute"] = true,
                }),
            },
            ["channelSummary"] = new JsonArray(),
            ["queuedSystemEvents"] = new JsonArray([.. systemEvents.Pending().Select(t => JsonValue.Create(t))]),
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
            ["sessions"] = sessionsBlock,
            ["modelRuntime"] = new JsonObject { ["degraded"] = false, ["pendingAgents"] = new JsonArray() },
            ["eventLoop"] = eventLoop.Snapshot(),
            ["processMemory"] = new JsonObject
            {
                ["rssBytes"] = process.WorkingSet64,
                ["heapUsedBytes"] = GC.GetTotalMemory(false),
                ["heapTotalBytes"] = gc.HeapSizeBytes,
                ["externalBytes"] = 0,
                ["arrayBuffersBytes"] = 0,
            },
            ["workerPools"] = new JsonObject(),
            ["pid"] = Environment.ProcessId,
            ["shutdownBudget"] = new JsonObject
            {
                ["timeoutMs"] = 325_000,
                ["reserveMs"] = 10_000,
                ["nativeStopBudget"] = false,
                ["activeWork"] = ActiveWork(),
                ["writeCustody"] = new JsonArray(),
            },
        };
    }

    /// <summary>Work a graceful shutdown would wait for; today only the requests being handled (this one included).</summary>
    private JsonObject ActiveWork()
    {
        var work = Zeros("rootRequests", "cronRuns", "sessionMutations", "terminalPersistence", "lifecycleWrites");
        work["rootRequests"] = activity.InFlight;
        return work;
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

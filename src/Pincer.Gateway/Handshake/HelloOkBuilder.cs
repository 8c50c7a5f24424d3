using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Control;
using Pincer.Storage.Sqlite.Devices;
using Pincer.Gateway.Events;
using Pincer.Gateway.Health;
using Pincer.Gateway.Hosting;
using Pincer.Gateway.Presence;
using Pincer.Protocol;
using Pincer.Protocol.Catalog;

namespace Pincer.Gateway.Handshake;

/// <summary>Builds the hello-ok payload (spec §3.5) from what this gateway really serves and knows.</summary>
internal sealed class HelloOkBuilder(
    GatewayRuntime runtime,
    MethodRegistry methods,
    HealthService health,
    PresenceRegistry presence,
    GatewayCounters counters,
    ConfigState config)
{
    /// <summary>Events Pincer emits today; advertised in the reference's order, only if the reference advertises them.</summary>
    private static readonly HashSet<string> EmittedEvents = new(StringComparer.Ordinal)
    {
        "connect.challenge", "presence", "tick", "shutdown", "health", "device.pair.requested", "device.pair.resolved", "device.pair.changed",
        "sessions.changed", "agent", "chat", "session.message",
    };

    public static IReadOnlyList<string> AdvertisedEvents { get; } =
        [.. ProtocolCatalog.Events.Where(e => e.Advertised && EmittedEvents.Contains(e.Event)).Select(e => e.Event)];

    public JsonObject Build(GatewayConnection connection, ConnectContext context, string authMethod, StoredDeviceToken? token)
    {
        var isAdmin = connection.Role == "operator" && connection.Scopes.Contains(OperatorScopes.Admin);
        var canRead = connection.Role == "operator" && OperatorScopes.Satisfied(OperatorScopes.Read, connection.Scopes);
        return new JsonObject
        {
            ["type"] = "hello-ok",
            ["protocol"] = ProtocolConstants.ProtocolVersion,
            ["server"] = new JsonObject
            {
                ["version"] = GatewayRuntime.CompatibleVersion,
                ["buildId"] = $"pincer-{GatewayRuntime.PincerVersion}",
                ["bootId"] = runtime.BootId,
                ["controlUiBuildSource"] = "bundled",
                ["connId"] = connection.ConnId,
            },
            ["features"] = new JsonObject
            {
                ["methods"] = new JsonArray([.. methods.Advertised.Select(m => JsonValue.Create(m))]),
                ["events"] = new JsonArray([.. AdvertisedEvents.Select(e => JsonValue.Create(e))]),
                ["capabilities"] = new JsonArray(),
            },
            ["snapshot"] = Snapshot(isAdmin, canRead),
            ["auth"] = Auth(connection, authMethod, token),
            ["policy"] = new JsonObject
            {
                ["maxPayload"] = ProtocolConstants.MaxPayloadBytes,
                ["maxBufferedBytes"] = ProtocolConstants.MaxBufferedBytes,
                ["tickIntervalMs"] = ProtocolConstants.TickIntervalMs,
                ["attachments"] = new JsonObject
                {
                    ["maxBytes"] = ProtocolConstants.AttachmentMaxBytes,
                    ["maxImageBytes"] = ProtocolConstants.AttachmentMaxImageBytes,
                },
                ["allowedSessionVisibilities"] = new JsonArray("shared", "read-only", "suggest", "draft"),
                ["hasMultipleSessionSharingIdentities"] = false,
            },
        };
    }

    /// <summary>Presence needs read access; paths and the auth mode are admin-only, as in the reference.</summary>
    public JsonObject Snapshot(bool isAdmin, bool canRead)
    {
        var version = counters.Current;
        var snapshot = new JsonObject
        {
            ["suspension"] = new JsonObject { ["phase"] = "accepting" },
            ["presence"] = canRead ? presence.Snapshot() : new JsonArray(),
            ["health"] = health.Cached.DeepClone(),
            ["stateVersion"] = new JsonObject { ["presence"] = version.Presence, ["health"] = version.Health },
            ["uptimeMs"] = runtime.UptimeMs,
            ["appliedConfigHash"] = config.Current.RevisionHash,
            ["sessionDefaults"] = new JsonObject
            {
                ["defaultAgentId"] = Sessions.Write.SessionTargetResolver.DefaultAgentId(config.Current.Resolved),
                ["modelConfigured"] = config.Current.At("agents.defaults.model") is not null,
                ["ownership"] = Sessions.Write.SessionTargetResolver.Ownership(config.Current.Resolved),
                ["selectionRequired"] = false,
                ["mainKey"] = "main",
                ["mainSessionKey"] = $"agent:{Sessions.Write.SessionTargetResolver.DefaultAgentId(config.Current.Resolved)}:main",
                ["scope"] = config.Current.String("session.scope") ?? "per-sender",
            },
            ["updateSchedule"] = new JsonObject
            {
                ["channel"] = config.Current.String("update.channel") ?? "stable",
                ["autoEnabled"] = config.Current.At("update.auto.enabled") is JsonValue v && v.TryGetValue<bool>(out var auto) && auto,
            },
        };
        if (isAdmin)
        {
            snapshot["configPath"] = runtime.ConfigPath;
            snapshot["stateDir"] = runtime.StateDir;
            snapshot["authMode"] = runtime.Auth.Mode;
        }

        return snapshot;
    }

    private JsonObject Auth(GatewayConnection connection, string authMethod, StoredDeviceToken? token)
    {
        var auth = new JsonObject
        {
            ["method"] = authMethod,
            ["role"] = connection.Role,
            ["scopes"] = new JsonArray([.. connection.Scopes.Select(s => JsonValue.Create(s))]),
        };
        if (connection.Role == "operator" && RecoveryScope(connection, authMethod, token) is { } recovery)
        {
            auth["recoveryScope"] = recovery;
            if (token is not null && authMethod != "device-token")
            {
                auth["recoveryMigrationAllowed"] = true;
            }
        }

        if (token is not null)
        {
            auth["deviceToken"] = token.Token;
            auth["issuedAtMs"] = token.RotatedAtMs ?? token.CreatedAtMs;
        }

        return auth;
    }

    /// <summary>base64url(SHA-256(JSON array)) over the first principal that applies.</summary>
    private string? RecoveryScope(GatewayConnection connection, string authMethod, StoredDeviceToken? token)
    {
        var deviceId = connection.Client?.DeviceId;
        var parts = authMethod == "device-token" && token is not null ? new JsonArray("device-token", token.Token)
            : authMethod is "token" or "password" ? new JsonArray("shared-auth", runtime.SharedAuthGeneration, deviceId)
            : deviceId is not null ? new JsonArray("device", deviceId)
            : null;
        return parts is null ? null : Client.Identity.Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(parts.ToJsonString())));
    }
}

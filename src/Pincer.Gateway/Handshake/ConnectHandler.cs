using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;
using Pincer.Gateway.Connections;
using Pincer.Gateway.Events;
using Pincer.Gateway.Hosting;
using Pincer.Protocol;
using Pincer.Protocol.Errors;
using Pincer.Protocol.Validation;
using Pincer.Storage.Sqlite.Devices;

namespace Pincer.Gateway.Handshake;

/// <summary>
/// Decides a <c>connect</c> request in the reference's order (spec §3.3): params, protocol, role,
/// shared-secret auth, the missing-device policy, device proof, device token, pairing — then
/// builds hello-ok.
/// </summary>
internal sealed class ConnectHandler(
    GatewayRuntime runtime,
    AuthRateLimiter rateLimiter,
    DeviceRecordStore devices,
    HelloOkBuilder helloOk,
    EventBroadcaster events,
    ConfigState config,
    TimeProvider time)
{
    private static readonly string[] PairingScopes = [OperatorScopes.Pairing];

    public GatewayAuthSettings AuthSettings => runtime.Auth;

    public async Task<HandshakeOutcome> HandleAsync(JsonNode? paramsNode, ConnectContext context, GatewayConnection connection, CancellationToken cancellationToken)
    {
        var errors = SchemaValidator.ForSchema("ConnectParamsSchema").Validate(paramsNode);
        if (errors.Count > 0)
        {
            return HandshakeOutcome.Reject(RpcError.InvalidRequest("invalid connect params: " + ValidationMessage.Format(errors)));
        }

        var p = (JsonObject)paramsNode!;
        var client = (JsonObject)p["client"]!;
        var clientId = (string)client["id"]!;
        var clientMode = (string)client["mode"]!;
        var min = (long)p["minProtocol"]!;
        var max = (long)p["maxProtocol"]!;
        var roleText = (string?)p["role"];

        if (!ProtocolAccepted(min, max, clientMode, roleText))
        {
            return HandshakeOutcome.Reject(
                RpcError.InvalidRequest("protocol mismatch", new JsonObject
                {
                    ["code"] = "PROTOCOL_MISMATCH",
                    ["clientMinProtocol"] = min,
                    ["clientMaxProtocol"] = max,
                    ["expectedProtocol"] = ProtocolConstants.ProtocolVersion,
                    ["minimumProbeProtocol"] = ProtocolConstants.MinProbeProtocol,
                }),
                closeCode: 1002);
        }

        if (roleText == "worker" || clientId == "openclaw-worker" || clientMode == "worker")
        {
            return HandshakeOutcome.CloseSilently(1008, "invalid-handshake");
        }

        var role = roleText ?? "operator";
        if (role is not ("operator" or "node"))
        {
            return HandshakeOutcome.Reject(RpcError.InvalidRequest("invalid role"));
        }

        var isBrowserUi = clientId is "openclaw-control-ui" or "webchat-ui" or "webchat" || clientMode is "ui" or "webchat";
        if (isBrowserUi && context.Origin is { } origin)
        {
            var allowed = (config.Current.At("gateway.controlUi.allowedOrigins") as JsonArray ?? []).Select(n => (string?)n ?? "").ToList();
            context.Headers.TryGetValue("host", out var requestHost);
            var (ok, reason) = BrowserOriginPolicy.Check(origin, requestHost, context.IsDirectLoopback, allowed);
            if (!ok)
            {
                return HandshakeOutcome.Reject(RpcError.InvalidRequest(
                    "origin not allowed (open the Control UI from the gateway host or allow it in gateway.controlUi.allowedOrigins)",
                    new JsonObject { ["code"] = "CONTROL_UI_ORIGIN_NOT_ALLOWED", ["reason"] = reason }));
            }
        }

        var requestedScopes = (p["scopes"] as JsonArray ?? []).Select(s => (string)s!).ToList();
        var auth = p["auth"] as JsonObject;
        var token = (string?)auth?["token"];
        var password = (string?)auth?["password"];
        var deviceTokenText = (string?)auth?["deviceToken"];
        var device = p["device"] as JsonObject;
        var ip = context.RemoteAddress?.ToString() ?? "unknown";
        var settings = runtime.Auth;

        // Shared secret: the mode decides which secret counts, not the field it arrived in.
        var supplied = token ?? password;
        string? authMethod = null;
        string authProvided = supplied is not null ? (token is not null ? "token" : "password") : deviceTokenText is not null ? "device-token" : "none";
        if (settings.Mode is "token" or "password" && supplied is not null)
        {
            if (rateLimiter.LockedFor(ip, settings, context.IsDirectLoopback) is { } lockedMs)
            {
                return Unauthorized("rate_limited", authProvided, clientId, clientMode, context, device, deviceTokenText, lockedMs);
            }

            var expected = settings.Mode == "token" ? settings.Token : settings.Password;
            if (string.IsNullOrEmpty(expected))
            {
                return Unauthorized(settings.Mode + "_missing_config", authProvided, clientId, clientMode, context, device, deviceTokenText);
            }

            if (!FixedTimeEquals(supplied, expected))
            {
                rateLimiter.RecordFailure(ip, settings, context.IsDirectLoopback);
                return Unauthorized(settings.Mode + "_mismatch", authProvided, clientId, clientMode, context, device, deviceTokenText);
            }

            rateLimiter.RecordSuccess(ip);
            authMethod = settings.Mode;
        }
        else if (settings.Mode == "none")
        {
            authMethod = "none";
        }
        else if (settings.Mode == "trusted-proxy")
        {
            // No verified proxy identity is not a failure by itself: the peer falls through to the
            // device rules like any unauthenticated client (the reference answers DEVICE_IDENTITY_REQUIRED).
            var proxy = TrustedProxyUser(settings, context);
            authMethod = proxy.Reason is null ? "trusted-proxy" : null;
        }

        var scopes = role == "operator" ? OperatorScopes.Normalize(requestedScopes) : [];

        if (device is null)
        {
            if (role == "node")
            {
                return DeviceIdentityRequired();
            }

            var backendLoopback = clientId == "gateway-client" && clientMode == "backend" && context.IsDirectLoopback && context.Origin is null;
            var cliLoopback = clientId == "cli" && clientMode == "cli" && context.IsDirectLoopback && context.Origin is null;
            var isControlUi = clientId is "openclaw-control-ui" or "webchat-ui";
            if (authMethod == "trusted-proxy" && isControlUi)
            {
                return Accept(connection, context, client, role, scopes, authMethod, null, null);
            }

            if (backendLoopback && authMethod is not null)
            {
                return Accept(connection, context, client, role, scopes, authMethod, null, null);
            }

            if (isControlUi)
            {
                return HandshakeOutcome.Reject(RpcError.InvalidRequest(
                    "control ui requires device identity (use HTTPS or localhost secure context)",
                    new JsonObject { ["code"] = "CONTROL_UI_DEVICE_IDENTITY_REQUIRED" }));
            }

            if (authMethod is "token" or "password")
            {
                // Without a device the requested scopes are wiped, except for the local CLI.
                return Accept(connection, context, client, role, cliLoopback ? scopes : [], authMethod, null, null);
            }

            return DeviceIdentityRequired();
        }

        var platform = (string?)client["platform"];
        var deviceFamily = (string?)client["deviceFamily"];
        var signedToken = token ?? deviceTokenText ?? (string?)auth?["bootstrapToken"];
        var (publicKey, proofError) = DeviceProofVerifier.Verify(device, clientId, clientMode, role, requestedScopes, signedToken,
            context.Nonce, platform, deviceFamily, time.GetUtcNow().ToUnixTimeMilliseconds());
        if (proofError is not null)
        {
            return HandshakeOutcome.Reject(proofError);
        }

        var deviceId = (string)device["id"]!;
        var publicKeyText = Client.Identity.Base64Url.Encode(publicKey);
        var paired = await devices.FindAsync(deviceId, cancellationToken).ConfigureAwait(false);

        if (authMethod is null)
        {
            if (deviceTokenText is null)
            {
                return Unauthorized(settings.Mode == "password" ? "password_missing" : "token_missing", authProvided, clientId, clientMode, context, device, null);
            }

            var stored = paired?.TokenFor(role);
            if (stored is null || stored.RevokedAtMs is not null || !FixedTimeEquals(deviceTokenText, stored.Token))
            {
                return Unauthorized("device_token_mismatch", authProvided, clientId, clientMode, context, device, deviceTokenText);
            }

            // The token may only carry what was approved, and the caller only what the token carries.
            var approved = paired!.ApprovedScopes ?? paired.Scopes;
            if (!stored.Scopes.All(approved.Contains) || !scopes.All(s => OperatorScopes.Satisfied(s, stored.Scopes.ToList())))
            {
                return Unauthorized("scope_mismatch", authProvided, clientId, clientMode, context, device, deviceTokenText);
            }

            await devices.TouchAsync(deviceId, "device-token-auth", role, cancellationToken).ConfigureAwait(false);
            return Accept(connection, context, client, role, scopes, "device-token", deviceId, stored);
        }

        var needsApproval = paired is null ? "not-paired"
            : !paired.Roles.Contains(role) ? "role-upgrade"
            : !scopes.All(s => (paired.ApprovedScopes ?? paired.Scopes).Contains(s)) ? "scope-upgrade"
            : null;

        StoredDeviceToken? issued;
        if (needsApproval is null)
        {
            issued = await devices.RotateTokenAsync(deviceId, role, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else if (context.IsDirectLoopback)
        {
            // Direct loopback peers are the operator's own machine: approve silently, as the reference does.
            issued = await devices.ApproveAsync(new DeviceApproval
            {
                DeviceId = deviceId,
                PublicKey = publicKeyText,
                Role = role,
                Scopes = scopes,
                ApprovedVia = "silent",
                Platform = platform,
                DeviceFamily = deviceFamily,
                ClientId = clientId,
                ClientMode = clientMode,
                RemoteIp = context.RemoteAddress?.ToString(),
            }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            return await PairingRequiredAsync(needsApproval, deviceId, publicKeyText, role, scopes, platform, deviceFamily, clientId, clientMode, context, paired, cancellationToken).ConfigureAwait(false);
        }

        await devices.TouchAsync(deviceId, "connect", cancellationToken: cancellationToken).ConfigureAwait(false);
        return Accept(connection, context, client, role, scopes, authMethod, deviceId, issued);
    }

    private HandshakeOutcome Accept(GatewayConnection connection, ConnectContext context, JsonObject client, string role,
        IReadOnlyList<string> scopes, string authMethod, string? deviceId, StoredDeviceToken? token)
    {
        var caps = (client.Parent?["caps"] as JsonArray ?? []).Select(c => (string)c!).ToList();
        var connected = new ConnectedClient(
            (string)client["id"]!, (string)client["mode"]!, (string)client["version"]!, (string)client["platform"]!,
            (string?)client["deviceFamily"], (string?)client["displayName"], (string?)client["instanceId"], deviceId, caps, time.GetUtcNow());
        connection.MarkAuthenticated(connected, role, scopes);
        return HandshakeOutcome.Accept(helloOk.Build(connection, context, authMethod, token));
    }

    private async Task<HandshakeOutcome> PairingRequiredAsync(string reason, string deviceId, string publicKey, string role, IReadOnlyList<string> scopes,
        string? platform, string? deviceFamily, string? clientId, string? clientMode, ConnectContext context, StoredPairedDevice? paired, CancellationToken cancellationToken)
    {
        var request = await devices.AddPendingAsync(new StoredPairingRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            DeviceId = deviceId,
            PublicKey = publicKey,
            Platform = platform,
            DeviceFamily = deviceFamily,
            ClientId = clientId,
            ClientMode = clientMode,
            Role = role,
            Roles = [role],
            Scopes = scopes,
            RemoteIp = context.RemoteAddress?.ToString(),
            Silent = false,
            IsRepair = paired is not null,
            Ts = time.GetUtcNow().ToUnixTimeMilliseconds(),
        }, cancellationToken).ConfigureAwait(false);
        events.Broadcast("device.pair.requested", Devices.DeviceJson.Pending(request), PairingScopes, dropIfSlow: true);
        var details = new JsonObject
        {
            ["code"] = "PAIRING_REQUIRED",
            ["reason"] = reason,
            ["requestId"] = request.RequestId,
            ["deviceId"] = deviceId,
            ["requestedRole"] = role,
            ["requestedScopes"] = new JsonArray([.. scopes.Select(s => JsonValue.Create(s))]),
        };
        if (paired is not null)
        {
            details["approvedRoles"] = new JsonArray([.. paired.Roles.Select(r => JsonValue.Create(r))]);
            details["approvedScopes"] = new JsonArray([.. paired.Scopes.Select(s => JsonValue.Create(s))]);
        }

        var message = reason switch
        {
            "role-upgrade" => "pairing required: role upgrade pending approval",
            "scope-upgrade" => "pairing required: scope upgrade pending approval",
            "metadata-upgrade" => "pairing required: device metadata changed",
            _ => "pairing required: device is not paired",
        };
        return HandshakeOutcome.Reject(new RpcError(ErrorCodes.NotPaired, message) { Details = details },
            reason: $"{message} (requestId: {request.RequestId})");
    }

    private HandshakeOutcome Unauthorized(string reason, string authProvided, string clientId, string clientMode, ConnectContext context,
        JsonObject? device, string? deviceToken, long? retryAfterMs = null) =>
        HandshakeOutcome.Reject(AuthFailure.Build(reason, runtime.Auth.Mode, authProvided, clientId, clientMode, context.IsDirectLoopback,
            device is not null, deviceToken is not null, retryAfterMs));

    private static HandshakeOutcome DeviceIdentityRequired() =>
        HandshakeOutcome.Reject(new RpcError(ErrorCodes.NotPaired, "device identity required")
        {
            Details = new JsonObject { ["code"] = "DEVICE_IDENTITY_REQUIRED" },
        });

    private static bool ProtocolAccepted(long min, long max, string clientMode, string? role)
    {
        const int current = ProtocolConstants.ProtocolVersion;
        if (min <= current && current <= max)
        {
            return true;
        }

        if (clientMode == "probe" && max >= ProtocolConstants.MinProbeProtocol && min <= current)
        {
            return true;
        }

        return role == "node" && clientMode == "node" && min <= ProtocolConstants.MinNodeProtocol && ProtocolConstants.MinNodeProtocol <= max;
    }

    private static (string? User, string? Reason) TrustedProxyUser(GatewayAuthSettings settings, ConnectContext context)
    {
        var proxy = settings.TrustedProxy;
        if (proxy is null)
        {
            return (null, "trusted_proxy_config_missing");
        }

        if (context.RemoteAddress is not { } remote || !TrustedProxyMatcher.IsTrusted(remote, settings.TrustedProxies, proxy.AllowLoopback))
        {
            return (null, "trusted_proxy_untrusted_source");
        }

        if (!context.Headers.TryGetValue(proxy.UserHeader.ToLowerInvariant(), out var user) || string.IsNullOrWhiteSpace(user))
        {
            return (null, "trusted_proxy_missing_header_user");
        }

        foreach (var header in proxy.RequiredHeaders)
        {
            if (!context.Headers.ContainsKey(header.ToLowerInvariant()))
            {
                return (null, "trusted_proxy_missing_header_required");
            }
        }

        if (proxy.AllowUsers.Count > 0 && !proxy.AllowUsers.Contains(user.Trim(), StringComparer.Ordinal))
        {
            return (null, "trusted_proxy_user_not_allowed");
        }

        return (user.Trim(), null);
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}

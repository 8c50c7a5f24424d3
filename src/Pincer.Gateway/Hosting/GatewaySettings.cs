using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pincer.Config;
using Pincer.Config.Paths;
using Pincer.Config.Secrets;
using Pincer.Gateway.Auth;
using Pincer.Gateway.Configuration;

namespace Pincer.Gateway.Hosting;

/// <summary>
/// Port, bind addresses and auth resolved with the reference's precedence:
/// flag &gt; environment &gt; config &gt; default.
/// </summary>
internal sealed record GatewaySettings(int Port, string Bind, IReadOnlyList<IPEndPoint> Endpoints, GatewayAuthSettings Auth, bool GeneratedToken, string? Error)
{
    public static GatewaySettings Resolve(GatewayRunOptions options, ConfigSnapshot config)
    {
        var env = options.Environment;
        var port = options.Port ?? GatewayPortResolver.Resolve(config.Int("gateway.port"), env);
        var bind = options.Bind ?? config.String("gateway.bind") ?? "loopback";
        var (configToken, configPassword, secretError) = ConfigCredentials(options, config);
        var token = options.Token ?? Env(env, "OPENCLAW_GATEWAY_TOKEN") ?? configToken;
        var password = options.Password ?? Env(env, "OPENCLAW_GATEWAY_PASSWORD") ?? configPassword;
        var mode = options.AuthMode ?? config.String("gateway.auth.mode") ?? (token is null && password is not null ? "password" : "token");

        var generated = false;
        if (mode == "token" && string.IsNullOrEmpty(token) && bind == "loopback")
        {
            // Loopback with no configured token gets a runtime-only one, never written to config.
            token = Client.Identity.Base64Url.Encode(RandomNumberGenerator.GetBytes(24));
            generated = true;
        }

        string? error = null;
        if (secretError is not null)
        {
            error = $"[SECRETS_DEGRADED] gateway:ingress-auth: {secretError.Path}: {secretError.Message}\n"
                + "Gateway failed to start: Startup failed: required secrets are unavailable.. Run openclaw gateway status --deep for diagnostics.";
        }
        else if (mode is not ("token" or "password" or "none" or "trusted-proxy"))
        {
            error = $"Invalid --auth value \"{mode}\" (use token, password, none or trusted-proxy).";
        }
        else if (bind != "loopback" && mode == "none")
        {
            error = "Refusing to bind the gateway beyond loopback without auth (set gateway.auth.mode to token, password or trusted-proxy).";
        }
        else if ((mode == "token" && string.IsNullOrEmpty(token)) || (mode == "password" && string.IsNullOrEmpty(password)))
        {
            error = $"Gateway auth mode {mode} needs a {mode} (flag, OPENCLAW_GATEWAY_{mode.ToUpperInvariant()} or gateway.auth.{mode}).";
        }

        var trusted = (config.At("gateway.trustedProxies") as JsonArray ?? []).Select(n => (string)n!).ToList();
        TrustedProxySettings? proxy = null;
        if (config.At("gateway.auth.trustedProxy") is JsonObject tp)
        {
            proxy = new TrustedProxySettings(
                (string?)tp["userHeader"] ?? "x-forwarded-user",
                [.. (tp["requiredHeaders"] as JsonArray ?? []).Select(n => (string)n!)],
                [.. (tp["allowUsers"] as JsonArray ?? []).Select(n => (string)n!)],
                tp["allowLoopback"] is JsonValue v && v.TryGetValue<bool>(out var allow) && allow);
        }

        var auth = new GatewayAuthSettings(mode, token, password, proxy, trusted,
            config.Bool("gateway.auth.rateLimit.exemptLoopback") ?? true,
            config.Int("gateway.auth.rateLimit.maxAttempts") ?? 10,
            config.Int("gateway.auth.rateLimit.windowMs") ?? 60_000,
            config.Int("gateway.auth.rateLimit.lockoutMs") ?? 300_000);
        return new GatewaySettings(port, bind, BindEndpoints(bind, port, config.String("gateway.customBindHost")), auth, generated, error);
    }

    /// <summary>
    /// gateway.auth.token / .password as literal strings or SecretRefs. A ref is resolved only on the
    /// surface that can win (the reference's rule: token unless mode excludes it or, with mode unset,
    /// a password is configured; password when mode is password/trusted-proxy or no token can win)
    /// and not when a flag overrides it; a failure there must stop start-up.
    /// </summary>
    private static (string? Token, string? Password, ConfigIssue? Error) ConfigCredentials(GatewayRunOptions options, ConfigSnapshot config)
    {
        var env = options.Environment;
        var root = config.Resolved;
        var tokenNode = config.At("gateway.auth.token");
        var passwordNode = config.At("gateway.auth.password");
        var mode = options.AuthMode ?? config.String("gateway.auth.mode");
        var envToken = Env(env, "OPENCLAW_GATEWAY_TOKEN") is not null;
        var envPassword = Env(env, "OPENCLAW_GATEWAY_PASSWORD") is not null;
        var tokenConfigured = SecretInputs.IsConfigured(tokenNode, root);
        var passwordConfigured = SecretInputs.IsConfigured(passwordNode, root);
        var tokenActive = options.Token is null && mode is not ("password" or "none" or "trusted-proxy")
            && (mode == "token" || (mode is null && !(envPassword || passwordConfigured)));
        var passwordActive = options.Password is null
            && (mode is "password" or "trusted-proxy" || (mode is not ("token" or "none") && !(envToken || tokenConfigured)));

        (string? Value, ConfigIssue? Error) Read(JsonNode? node, string path, bool active) =>
            SecretInputs.Coerce(node, root) is null ? (SecretInputs.Resolve(node, root, env, path).Value, null)
            : active ? SecretInputs.Resolve(node, root, env, path)
            : (null, null);

        var token = Read(tokenNode, "gateway.auth.token", tokenActive);
        var password = Read(passwordNode, "gateway.auth.password", passwordActive);
        return (token.Value, password.Value, token.Error ?? password.Error);
    }

    private static IReadOnlyList<IPEndPoint> BindEndpoints(string bind, int port, string? customHost) => bind switch
    {
        "lan" or "auto" => [new IPEndPoint(IPAddress.Any, port)],
        "custom" when customHost is not null && IPAddress.TryParse(customHost, out var host) => [new IPEndPoint(host, port)],
        _ => [new IPEndPoint(IPAddress.Loopback, port)],
    };

    private static string? Env(IReadOnlyDictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

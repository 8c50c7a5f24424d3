using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Pincer.Config.Paths;
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
        var token = options.Token ?? Env(env, "OPENCLAW_GATEWAY_TOKEN") ?? config.String("gateway.auth.token");
        var password = options.Password ?? Env(env, "OPENCLAW_GATEWAY_PASSWORD") ?? config.String("gateway.auth.password");
        var mode = options.AuthMode ?? config.String("gateway.auth.mode") ?? (token is null && password is not null ? "password" : "token");

        var generated = false;
        if (mode == "token" && string.IsNullOrEmpty(token) && bind == "loopback")
        {
            // Loopback with no configured token gets a runtime-only one, never written to config.
            token = Client.Identity.Base64Url.Encode(RandomNumberGenerator.GetBytes(24));
            generated = true;
        }

        string? error = null;
        if (mode is not ("token" or "password" or "none" or "trusted-proxy"))
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

    private static IReadOnlyList<IPEndPoint> BindEndpoints(string bind, int port, string? customHost) => bind switch
    {
        "lan" or "auto" => [new IPEndPoint(IPAddress.Any, port)],
        "custom" when customHost is not null && IPAddress.TryParse(customHost, out var host) => [new IPEndPoint(host, port)],
        _ => [new IPEndPoint(IPAddress.Loopback, port)],
    };

    private static string? Env(IReadOnlyDictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

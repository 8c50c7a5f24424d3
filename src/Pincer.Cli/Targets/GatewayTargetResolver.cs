using System.Globalization;
using Pincer.Config.Paths;

namespace Pincer.Cli.Targets;

/// <summary>
/// Picks URL and secret with the reference's precedence: <c>--url</c> &gt; <c>OPENCLAW_GATEWAY_URL</c>
/// &gt; <c>gateway.remote.url</c> (when <c>gateway.mode</c> is remote) &gt; local loopback on the resolved
/// port; secrets from flags &gt; <c>OPENCLAW_GATEWAY_TOKEN/PASSWORD</c> &gt; config. A <c>--url</c> without
/// <c>--token</c>/<c>--password</c> is refused, as the reference does, so a typo'd URL never
/// receives the locally configured secret.
/// </summary>
internal static class GatewayTargetResolver
{
    public static GatewayTarget Resolve(CliContext ctx, string? urlFlag, string? tokenFlag, string? passwordFlag, string? portFlag)
    {
        var configPath = ConfigPathResolver.ResolveConfigPath(ctx.Environment);
        var config = LocalConfigFile.Read(configPath);
        var remote = string.Equals(config.String("gateway.mode"), "remote", StringComparison.Ordinal);

        string urlText;
        string source;
        int? localPort = null;
        if (!string.IsNullOrWhiteSpace(urlFlag))
        {
            if (string.IsNullOrWhiteSpace(tokenFlag) && string.IsNullOrWhiteSpace(passwordFlag))
            {
                throw new GatewayCredentialsRequiredException(
                    "--url needs explicit credentials: add --token or --password.\n"
                    + "Drop --url to use the gateway configured for this profile.\n"
                    + $"Config: {configPath}");
            }

            (urlText, source) = (urlFlag.Trim(), "cli --url");
        }
        else if (ctx.Env("OPENCLAW_GATEWAY_URL") is { } envUrl)
        {
            (urlText, source) = (envUrl, "env OPENCLAW_GATEWAY_URL");
        }
        else if (remote && config.String("gateway.remote.url") is { Length: > 0 } remoteUrl)
        {
            (urlText, source) = (remoteUrl.Trim(), "config gateway.remote.url");
        }
        else
        {
            localPort = ParsePort(portFlag) ?? GatewayPortResolver.Resolve(config.Int("gateway.port"), ctx.Environment);
            var scheme = config.Node("gateway.tls.enabled") is System.Text.Json.Nodes.JsonValue tls
                && tls.GetValueKind() == System.Text.Json.JsonValueKind.True ? "wss" : "ws";
            (urlText, source) = ($"{scheme}://127.0.0.1:{localPort.Value.ToString(CultureInfo.InvariantCulture)}", "local loopback");
        }

        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || url.Scheme is not ("ws" or "wss"))
        {
            throw new Parsing.CliUsageException($"gateway url must be ws:// or wss://: {urlText}");
        }

        var useRemoteSecrets = remote && source == "config gateway.remote.url";
        var token = Blank(tokenFlag) ?? ctx.Env("OPENCLAW_GATEWAY_TOKEN")
            ?? config.String(useRemoteSecrets ? "gateway.remote.token" : "gateway.auth.token");
        var password = Blank(passwordFlag) ?? ctx.Env("OPENCLAW_GATEWAY_PASSWORD")
            ?? config.String(useRemoteSecrets ? "gateway.remote.password" : "gateway.auth.password");

        // Send one secret: a flag wins; otherwise the one the configured auth mode asks for.
        if (token is not null && password is not null && (Blank(tokenFlag) is null || Blank(passwordFlag) is null))
        {
            var preferPassword = Blank(passwordFlag) is not null
                || (Blank(tokenFlag) is null && config.String("gateway.auth.mode") == "password");
            if (preferPassword)
            {
                token = null;
            }
            else
            {
                password = null;
            }
        }

        // The mode comes from config and the environment only (config first), as the reference's
        // resolveGatewayAuth reads it; flags supply secrets, not the mode.
        var modeToken = config.String("gateway.auth.token") ?? ctx.Env("OPENCLAW_GATEWAY_TOKEN");
        var modePassword = config.String("gateway.auth.password") ?? ctx.Env("OPENCLAW_GATEWAY_PASSWORD");
        var authMode = config.String("gateway.auth.mode") ?? (modeToken is null && modePassword is not null ? "password" : "token");
        return new GatewayTarget(urlText, url, source, token, password, configPath, localPort)
        {
            AuthMode = authMode,
            StateDir = ConfigPathResolver.ResolveStateDir(ctx.Environment),
        };
    }

    public static int? ParsePort(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new Parsing.CliUsageException($"invalid port: {raw}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

using Pincer.Cli.Parsing;
using Pincer.Config.Paths;
using Pincer.Gateway.Hosting;

namespace Pincer.Cli.Commands;

/// <summary>
/// <c>openclaw gateway run</c> (and bare <c>openclaw gateway</c>): validates flags the way the
/// reference does, builds <see cref="GatewayRunOptions"/> and hands over to
/// <see cref="GatewayHost.RunAsync"/>, which runs until SIGINT/SIGTERM cancels
/// <see cref="CliContext.Stopping"/>.
/// </summary>
internal static class GatewayRunCommand
{
    public static readonly IReadOnlyList<string> AuthModes = ["none", "token", "password", "trusted-proxy"];
    public static readonly IReadOnlyList<string> BindModes = ["loopback", "lan", "tailnet", "auto", "custom"];
    public static readonly IReadOnlyList<string> WsLogStyles = ["auto", "full", "compact"];
    public static readonly IReadOnlyList<string> TailscaleModes = ["off", "serve", "funnel"];

    public static readonly IReadOnlyList<OptionSpec> Options =
    [
        new("port", true), new("bind", true), new("token", true), new("auth", true), new("password", true),
        new("password-file", true), new("tailscale", true), new("tailscale-reset-on-exit", false),
        new("allow-unconfigured", false), new("dev", false), new("ambient-channels", false),
        new("dev-ambient-channels", false), new("reset", false), new("force", false), new("verbose", false),
        new("cli-backend-logs", false), new("claude-cli-logs", false), new("ws-log", true), new("compact", false),
        new("raw-stream", false), new("raw-stream-path", true),
    ];

    public static async Task<int> RunAsync(ParsedCommandLine cmd, CliContext ctx)
    {
        var options = Build(cmd, ctx, out var error);
        if (options is null)
        {
            ctx.Err.WriteLine(error);
            return 1;
        }

        try
        {
            return await GatewayHost.RunAsync(options, ctx.Stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctx.Stopping.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
        {
            // The host reports expected startup failures (port in use, refused config) this way.
            ctx.Err.WriteLine($"Gateway failed to start: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Pure flag → options mapping; null with a message when a flag is invalid.</summary>
    internal static GatewayRunOptions? Build(ParsedCommandLine cmd, CliContext ctx, out string error)
    {
        error = "";
        var devMode = cmd.Has("dev") || string.Equals(ctx.Env("OPENCLAW_PROFILE"), "dev", StringComparison.OrdinalIgnoreCase);
        if (cmd.Has("reset") && !devMode)
        {
            error = "--reset only works together with --dev.";
            return null;
        }

        var wsLog = cmd.Has("compact") ? "compact" : cmd.Value("ws-log");
        if (!Allowed(wsLog, WsLogStyles, "--ws-log", ref error)
            || !Allowed(cmd.Value("auth"), AuthModes, "--auth", ref error)
            || !Allowed(cmd.Value("bind"), BindModes, "--bind", ref error)
            || !Allowed(cmd.Value("tailscale"), TailscaleModes, "--tailscale", ref error))
        {
            return null;
        }

        int? port = null;
        if (cmd.Value("port") is { } rawPort)
        {
            port = GatewayPortResolver.ParseEnvPort(rawPort);
            if (port is null)
            {
                error = $"--port must be a port number (1-65535), got \"{rawPort}\".";
                return null;
            }
        }

        var password = cmd.Value("password");
        if (cmd.Value("password-file") is { } file)
        {
            if (password is not null)
            {
                error = "Give either --password or --password-file, not both.";
                return null;
            }

            try
            {
                password = File.ReadAllText(ConfigPathResolver.ResolveUserPath(file, ctx.Environment)).Trim();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = $"Cannot read gateway password file {file}: {ex.Message}";
                return null;
            }

            if (password.Length == 0)
            {
                error = $"Gateway password file {file} is empty.";
                return null;
            }
        }
        else if (password is not null)
        {
            ctx.Err.WriteLine("Warning: a password on the command line is visible to other local users; prefer --password-file or OPENCLAW_GATEWAY_PASSWORD.");
        }

        var token = cmd.Value("token");
        if (!string.IsNullOrWhiteSpace(token))
        {
            // The reference exports the flag into its own environment so every later reader agrees.
            ctx.Environment["OPENCLAW_GATEWAY_TOKEN"] = token.Trim();
        }

        return new GatewayRunOptions
        {
            Port = port,
            Bind = cmd.Value("bind"),
            AuthMode = cmd.Value("auth"),
            Token = string.IsNullOrWhiteSpace(token) ? null : token.Trim(),
            Password = password,
            AllowUnconfigured = cmd.Has("allow-unconfigured"),
            Verbose = cmd.Has("verbose"),
            StateDir = ConfigPathResolver.ResolveStateDir(ctx.Environment),
            ConfigPath = ConfigPathResolver.ResolveConfigPath(ctx.Environment),
            Environment = new Dictionary<string, string>(ctx.Environment, StringComparer.Ordinal),
        };
    }

    private static bool Allowed(string? value, IReadOnlyList<string> allowed, string flag, ref string error)
    {
        if (value is null || allowed.Contains(value))
        {
            return true;
        }

        error = $"Invalid {flag} \"{value}\". Use {string.Join(", ", allowed.Select(a => $"\"{a}\""))}.";
        return false;
    }
}

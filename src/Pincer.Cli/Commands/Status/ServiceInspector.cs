using System.Text.Json.Nodes;
using Pincer.Config.Paths;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// Asks the machine whether an OpenClaw gateway/node service is installed, the way the reference
/// decides it on Linux: look for systemd's runtime dir and the unit file in every directory systemd
/// reads; when something is there, ask <c>systemctl</c> whether a system manager is running at all
/// (<c>is-system-running</c> prints <c>offline</c> in containers without systemd as PID 1), and only
/// then ask the user manager about the unit. Other platforms report the generic "not supported" service.
/// </summary>
internal static class ServiceInspector
{
    public const string GatewayUnit = "openclaw-gateway";
    public const string NodeUnit = "openclaw-node";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(5);
    private static readonly string[] UnitScopes = ["user", "user.control", "user.attached"];
    private static readonly string[] SystemScopes = ["system", "system.control", "system.attached"];
    private static readonly string[] SystemRoots = ["/etc", "/usr/local/lib", "/usr/lib", "/lib"];

    /// <summary>The gateway's unit name; a non-default profile gets its own unit (<c>openclaw-gateway-work</c>).</summary>
    public static string GatewayUnitName(CliContext ctx)
    {
        var profile = ctx.Env("OPENCLAW_PROFILE");
        return profile is null || profile.Equals("default", StringComparison.OrdinalIgnoreCase) ? GatewayUnit : $"{GatewayUnit}-{profile}";
    }

    public static async Task<ServiceInspection> InspectAsync(CliContext ctx, string unitName, CancellationToken ct)
    {
        if (!OperatingSystem.IsLinux())
        {
            var platform = OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "win32" : Environment.OSVersion.Platform.ToString().ToLowerInvariant();
            return new ServiceInspection("Gateway service", "available", "not installed", null, null, "unknown", false, false,
                new JsonObject { ["status"] = "unknown", ["detail"] = $"Gateway service install not supported on {platform}" });
        }

        var unitFile = unitName + ".service";
        var paths = SearchPaths(ctx, unitFile);
        if (LooksAbsent(ctx, paths))
        {
            // Neither systemd's runtime dir nor any unit file exists: no manager to ask.
            return new ServiceInspection("systemd", "enabled", "disabled", ServiceInspection.ManagerUnavailable, null, "not-loaded", false, false,
                new JsonObject { ["status"] = "stopped", ["missingUnit"] = true, ["inspectionReason"] = ServiceInspection.ManagerUnavailable });
        }

        var userUnit = paths.UserUnits.Any(File.Exists);
        var systemUnit = paths.SystemUnits.Any(File.Exists);
        var kind = (userUnit, systemUnit) switch
        {
            (true, true) => "dueling",
            (true, false) => "user",
            (false, true) => "system",
            _ => "none",
        };
        var installation = new JsonObject { ["kind"] = kind };
        var installed = kind != "none";

        var system = await ProbeProcess.RunAsync("systemctl", ["--system", "is-system-running"], ToolTimeout, ct).ConfigureAwait(false);
        if (!system.Started || system.Stdout.Trim() == "offline" || system.Stderr.Contains("System has not been booted with systemd", StringComparison.Ordinal))
        {
            return new ServiceInspection("systemd", "enabled", "disabled", ServiceInspection.ManagerUnavailable, installation, "not-loaded", installed, false,
                InspectionFailure(ServiceInspection.ManagerUnavailable, UnavailableMessage));
        }

        return await AskUserManagerAsync(unitFile, installation, installed, ct).ConfigureAwait(false);
    }

    private const string UnavailableMessage = "No service manager (systemd or launchd) is reachable on this machine; a gateway started by hand has to be restarted by hand.";

    private const string UserBusMessage =
        "The systemd user bus cannot be reached (is XDG_RUNTIME_DIR set, and is the user manager running? `loginctl enable-linger <user>` keeps it up without a login session).";

    /// <summary>
    /// A running systemd: <c>is-enabled</c> gives the load state, <c>is-active</c> the runtime. A user
    /// bus that cannot be reached is reported as an inspection failure rather than "not installed".
    /// </summary>
    private static async Task<ServiceInspection> AskUserManagerAsync(string unitFile, JsonObject installation, bool installed, CancellationToken ct)
    {
        var enabled = await ProbeProcess.RunAsync("systemctl", ["--user", "is-enabled", unitFile], ToolTimeout, ct).ConfigureAwait(false);
        if (IsUserBusUnavailable(enabled.Stderr + " " + enabled.Stdout))
        {
            return new ServiceInspection("systemd", "enabled", "disabled", "systemd-user-bus-unavailable", installation, "unknown", installed, false,
                InspectionFailure("systemd-user-bus-unavailable", UserBusMessage));
        }

        var loaded = enabled.ExitCode == 0 && enabled.Stdout.Trim() == "enabled";
        var active = await ProbeProcess.RunAsync("systemctl", ["--user", "is-active", unitFile], ToolTimeout, ct).ConfigureAwait(false);
        var running = active.ExitCode == 0 && active.Stdout.Trim() == "active";
        var runtime = new JsonObject { ["status"] = running ? "running" : "stopped" };
        if (!installed)
        {
            runtime["missingUnit"] = true;
        }

        runtime["systemd"] = new JsonObject { ["scope"] = "user", ["unit"] = unitFile };
        return new ServiceInspection("systemd", "enabled", "disabled", null, installation, loaded ? "loaded" : "not-loaded", installed, running, runtime);
    }

    private static JsonObject InspectionFailure(string reason, string message) => new()
    {
        ["status"] = "unknown",
        ["inspectionReason"] = reason,
        ["detail"] = message,
        ["inspectionFailure"] = new JsonObject { ["code"] = "service-runtime-inspection-failed", ["detail"] = message },
    };

    private static bool IsUserBusUnavailable(string detail)
    {
        var d = detail.ToLowerInvariant();
        return d.Contains("failed to connect to bus", StringComparison.Ordinal) || d.Contains("failed to connect to user scope bus", StringComparison.Ordinal)
            || d.Contains("dbus_session_bus_address", StringComparison.Ordinal) || d.Contains("xdg_runtime_dir", StringComparison.Ordinal)
            || d.Contains("no medium found", StringComparison.Ordinal);
    }

    /// <summary>Env that points at a bus or an explicit unit path means "ask systemd" even without the usual files.</summary>
    private static bool LooksAbsent(CliContext ctx, SearchPathSet paths)
    {
        foreach (var key in new[] { "DBUS_SESSION_BUS_ADDRESS", "DBUS_SYSTEM_BUS_ADDRESS", "SYSTEMD_UNIT_PATH", "SUDO_USER" })
        {
            if (ctx.Env(key) is not null)
            {
                return false;
            }
        }

        return !paths.Markers.Concat(paths.UserUnits).Concat(paths.SystemUnits).Any(p => File.Exists(p) || Directory.Exists(p));
    }

    private sealed record SearchPathSet(List<string> Markers, List<string> UserUnits, List<string> SystemUnits);

    private static SearchPathSet SearchPaths(CliContext ctx, string unitFile)
    {
        var home = ConfigPathResolver.ResolveHomeDir(ctx.Environment);
        var runtimeDirs = new List<string> { $"/run/user/{EffectiveUid()}" };
        if (ctx.Env("XDG_RUNTIME_DIR") is { } xdgRuntime && !runtimeDirs.Contains(xdgRuntime))
        {
            runtimeDirs.Add(xdgRuntime);
        }

        var configHome = ctx.Env("XDG_CONFIG_HOME") ?? Path.Combine(home, ".config");
        var dataHome = ctx.Env("XDG_DATA_HOME") ?? Path.Combine(home, ".local", "share");
        var userRoots = new List<string> { Path.Combine(home, ".config"), configHome, dataHome };
        userRoots.AddRange((ctx.Env("XDG_CONFIG_DIRS") ?? "/etc/xdg").Split(':', StringSplitOptions.RemoveEmptyEntries));
        userRoots.AddRange((ctx.Env("XDG_DATA_DIRS") ?? "/usr/local/share:/usr/share").Split(':', StringSplitOptions.RemoveEmptyEntries));
        userRoots.AddRange(SystemRoots);

        var markers = new List<string> { "/run/systemd" };
        markers.AddRange(runtimeDirs.Select(d => Path.Combine(d, "systemd")));
        var userUnits = userRoots.SelectMany(r => UnitScopes.Select(s => Path.Combine(r, "systemd", s, unitFile))).Distinct().ToList();
        var systemUnits = SystemRoots.SelectMany(r => SystemScopes.Select(s => Path.Combine(r, "systemd", s, unitFile))).ToList();
        return new SearchPathSet(markers, userUnits, systemUnits);
    }

    /// <summary>The effective uid from <c>/proc/self/status</c> (second field of <c>Uid:</c>); 0 if unreadable.</summary>
    internal static int EffectiveUid()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    var fields = line[4..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                    return fields.Length > 1 && int.TryParse(fields[1], out var euid) ? euid : 0;
                }
            }
        }
        catch (IOException)
        {
            // Not Linux-like /proc: fall through.
        }

        return 0;
    }
}

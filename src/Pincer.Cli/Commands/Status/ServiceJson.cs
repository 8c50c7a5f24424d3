using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>The two JSON projections of a <see cref="ServiceInspection"/>: <c>gateway status</c>'s and <c>status</c>'s.</summary>
internal static class ServiceJson
{
    /// <summary><c>gateway status --json</c> → <c>service</c>.</summary>
    /// <param name="inspection">What the service manager said.</param>
    /// <param name="targetsProbe">Whether the installed service is what the probe talks to (else "diagnostic-only").</param>
    public static JsonObject ForGatewayStatus(ServiceInspection inspection, bool targetsProbe)
    {
        var service = new JsonObject();
        if (inspection.InspectionReason is { } reason)
        {
            service["inspectionReason"] = reason;
        }

        service["label"] = inspection.DisplayLabel;
        if (inspection.SystemdInstallation is { } installation)
        {
            service["systemdInstallation"] = installation.DeepClone();
        }

        service["loaded"] = inspection.Loaded;
        service["loadState"] = new JsonObject { ["status"] = inspection.LoadStatus };
        service["loadedText"] = inspection.LoadedText;
        service["notLoadedText"] = inspection.NotLoadedText;
        service["targetRole"] = targetsProbe ? "target" : "diagnostic-only";

        // We never write a service definition, so there is no recorded command to show or audit.
        service["command"] = null;
        service["runtime"] = inspection.RuntimeWithRetryHint("openclaw gateway status --deep");
        service["configAudit"] = new JsonObject { ["ok"] = true, ["issues"] = new JsonArray() };
        return service;
    }

    /// <summary><c>status --json</c> → <c>gatewayService</c> / <c>nodeService</c>.</summary>
    public static JsonObject ForStatus(ServiceInspection inspection)
    {
        var managed = inspection.Installed;
        var external = !managed && inspection.Running;
        var loadedText = external ? "running (externally managed)"
            : inspection.LoadStatus switch
            {
                "loaded" => inspection.LoadedText,
                "not-loaded" => inspection.NotLoadedText,
                _ => "unknown",
            };
        var runtime = inspection.RuntimeWithRetryHint("openclaw status --deep");
        return new JsonObject
        {
            ["label"] = inspection.DisplayLabel,
            ["installed"] = managed || external,
            ["loadState"] = new JsonObject { ["status"] = inspection.LoadStatus },
            ["managedByOpenClaw"] = managed,
            ["externallyManaged"] = external,
            ["loadedText"] = loadedText,
            ["runtime"] = runtime,
            ["loaded"] = inspection.Loaded,
            ["runtimeShort"] = RuntimeShort(runtime),
        };
    }

    /// <summary>One-line runtime summary: status, then pid / state / detail in parentheses.</summary>
    public static string? RuntimeShort(JsonObject? runtime)
    {
        if (runtime is null)
        {
            return null;
        }

        var status = runtime["status"]?.GetValue<string>()?.Trim();
        var details = new List<string>();
        if (runtime["pid"] is JsonValue pid)
        {
            details.Add($"pid {pid}");
        }

        if (runtime["state"]?.GetValue<string>()?.Trim() is { Length: > 0 } state && !state.Equals(status, StringComparison.OrdinalIgnoreCase))
        {
            details.Add($"state {state}");
        }

        if (runtime["inspectionFailure"] is null && runtime["detail"]?.GetValue<string>() is { } detail)
        {
            var flat = string.Join(' ', detail.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
            if (flat.Length > 0)
            {
                details.Add(flat);
            }
        }

        var head = string.IsNullOrEmpty(status) ? "unknown" : status;
        return details.Count > 0 ? $"{head} ({string.Join(", ", details)})" : head;
    }
}

using System.Text.Json.Nodes;

namespace Pincer.Cli.Commands.Status;

/// <summary>
/// What the platform's service manager says about one OpenClaw service (gateway or node host):
/// the facts both <c>openclaw status</c> and <c>openclaw gateway status</c> project into JSON.
/// </summary>
/// <param name="Label">The manager's name (<c>systemd</c>, <c>LaunchAgent</c>, <c>Gateway service</c>).</param>
/// <param name="LoadedText">How the manager words "loaded" (<c>enabled</c> for systemd).</param>
/// <param name="NotLoadedText">How it words "not loaded" (<c>disabled</c> for systemd).</param>
/// <param name="InspectionReason">Why inspection stopped short, e.g. <c>service-manager-unavailable</c>.</param>
/// <param name="SystemdInstallation">Which systemd scopes hold a unit file (<c>{"kind":"none"}</c> …), or null when not looked at.</param>
/// <param name="LoadStatus"><c>loaded</c>, <c>not-loaded</c> or <c>unknown</c>.</param>
/// <param name="Installed">Whether a service definition was found.</param>
/// <param name="Running">Whether the manager reports the service running.</param>
/// <param name="Runtime">The runtime object as the reference shapes it (status, inspectionReason, detail, …).</param>
internal sealed record ServiceInspection(
    string Label,
    string LoadedText,
    string NotLoadedText,
    string? InspectionReason,
    JsonObject? SystemdInstallation,
    string LoadStatus,
    bool Installed,
    bool Running,
    JsonObject? Runtime)
{
    public const string ManagerUnavailable = "service-manager-unavailable";

    /// <summary>The reference replaces the manager's name when no manager could be reached at all.</summary>
    public string DisplayLabel =>
        Runtime?["inspectionReason"]?.GetValue<string>() == ManagerUnavailable ? "no supported service manager detected" : Label;

    public bool? Loaded => LoadStatus == "unknown" ? null : LoadStatus == "loaded";

    /// <summary>The runtime with the reference's retry hint appended to a failed inspection's detail.</summary>
    public JsonObject? RuntimeWithRetryHint(string command)
    {
        if (Runtime is null)
        {
            return null;
        }

        var copy = (JsonObject)Runtime.DeepClone();
        if (copy["inspectionFailure"] is not null)
        {
            copy["detail"] = $"{copy["detail"]}; retry with {command}";
        }

        return copy;
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Pincer.Cli.Commands.Status;

namespace Pincer.Cli.Tests.Commands.Status;

public sealed class StatusBuildingBlockTests
{
    [Theory]
    [InlineData("openclaw-gatewa", "openclaw-gateway", "gateway")]
    [InlineData("openclaw", "/usr/local/bin/openclaw gateway run", "gateway")]
    [InlineData("socat", "socat TCP-LISTEN:18789 openclaw", "non_gateway")]
    [InlineData("ssh", "ssh -N -L 18789:127.0.0.1:18789 host", "ssh")]
    [InlineData("bash", "/usr/bin/ssh -L 18789:localhost:18789 box", "ssh")]
    [InlineData("sshd", "sshd: root@pts/0", "non_gateway")]
    [InlineData("python3", "python3 -m http.server 18789", "unknown")]
    public void Listeners_are_classified_like_the_reference(string command, string commandLine, string expected) =>
        Assert.Equal(expected, PortHints.Classify(new JsonObject { ["command"] = command, ["commandLine"] = commandLine }));

    [Fact]
    public void One_gateway_on_loopback_needs_no_hint_but_a_stranger_does()
    {
        static JsonObject Row(int pid, string command, string address) =>
            new() { ["pid"] = pid, ["command"] = command, ["address"] = address, ["commandLine"] = command };

        Assert.Empty(PortHints.Build([Row(10, "openclaw-gatewa", "127.0.0.1:18789")], 18789));
        Assert.Empty(PortHints.Build([Row(10, "openclaw", "127.0.0.1:18789"), Row(10, "openclaw", "[::1]:18789")], 18789));
        Assert.Single(PortHints.Build([Row(11, "nginx", "*:18789")], 18789));

        // Two different gateway processes: "already running" plus "several listeners".
        Assert.Equal(2, PortHints.Build([Row(10, "openclaw", "127.0.0.1:18789"), Row(12, "openclaw", "[::1]:18789")], 18789).Count);
    }

    [Theory]
    [InlineData("127.0.0.1:18789", "127.0.0.1", 18789)]
    [InlineData("[::1]:18789", "::1", 18789)]
    [InlineData("*:18789", "*", 18789)]
    [InlineData("TCP 127.0.0.1:18789 (LISTEN)", "127.0.0.1", 18789)]
    public void Lsof_style_endpoints_parse(string raw, string host, int port) =>
        Assert.Equal((host, port), PortHints.ParseEndpoint(raw));

    [Fact]
    public void Addresses_are_printed_the_way_lsof_prints_them()
    {
        Assert.Equal("*:80", ProcListeners.FormatAddress(IPAddress.Any, 80));
        Assert.Equal("*:80", ProcListeners.FormatAddress(IPAddress.IPv6Any, 80));
        Assert.Equal("[::1]:80", ProcListeners.FormatAddress(IPAddress.IPv6Loopback, 80));
        Assert.Equal("127.0.0.1:80", ProcListeners.FormatAddress(IPAddress.Loopback, 80));
    }

    [Theory]
    [InlineData("127.0.0.1", new[] { "127.0.0.1" })]
    [InlineData("0.0.0.0", new[] { "0.0.0.0" })]
    [InlineData("192.168.1.5", new[] { "192.168.1.5", "127.0.0.1" })]
    [InlineData("::", new[] { "::" })]
    public void A_specific_ipv4_bind_must_also_answer_on_loopback(string bindHost, string[] expected) =>
        Assert.Equal(expected, PortInspector.RequiredListenHosts(bindHost));

    [Theory]
    [InlineData("30m", 1_800_000L)]
    [InlineData("1h", 3_600_000L)]
    [InlineData("45s", 45_000L)]
    [InlineData("500ms", 500L)]
    [InlineData("90", 90_000L)]
    [InlineData("soon", null)]
    public void Heartbeat_durations(string text, long? expected) =>
        Assert.Equal(expected, Pincer.Config.Durations.ConfigDuration.ToMilliseconds(text));

    [Fact]
    public void Runtime_short_form_leaves_failed_inspection_detail_out()
    {
        Assert.Equal("unknown", ServiceJson.RuntimeShort(new JsonObject
        {
            ["status"] = "unknown", ["detail"] = "x", ["inspectionFailure"] = new JsonObject { ["code"] = "c" },
        }));
        Assert.Equal("running (pid 42, state active-ish, sub ok)", ServiceJson.RuntimeShort(new JsonObject
        {
            ["status"] = "running", ["pid"] = 42, ["state"] = "active-ish", ["detail"] = "sub \n ok",
        }));
        Assert.Null(ServiceJson.RuntimeShort(null));
    }

    [Fact]
    public void Manager_unavailable_projections_match_the_reference_fields()
    {
        var inspection = new ServiceInspection("systemd", "enabled", "disabled", ServiceInspection.ManagerUnavailable,
            new JsonObject { ["kind"] = "none" }, "not-loaded", false, false,
            new JsonObject
            {
                ["status"] = "unknown", ["inspectionReason"] = ServiceInspection.ManagerUnavailable, ["detail"] = "d",
                ["inspectionFailure"] = new JsonObject { ["code"] = "service-runtime-inspection-failed", ["detail"] = "d" },
            });

        var gateway = ServiceJson.ForGatewayStatus(inspection, targetsProbe: false);
        Assert.Equal(
            ["inspectionReason", "label", "systemdInstallation", "loaded", "loadState", "loadedText", "notLoadedText", "targetRole", "command", "runtime", "configAudit"],
            gateway.Select(p => p.Key));
        Assert.Equal("no supported service manager detected", gateway["label"]!.GetValue<string>());
        Assert.Equal("d; retry with openclaw gateway status --deep", gateway["runtime"]!["detail"]!.GetValue<string>());
        Assert.Equal("diagnostic-only", gateway["targetRole"]!.GetValue<string>());

        var status = ServiceJson.ForStatus(inspection);
        Assert.Equal(
            ["label", "installed", "loadState", "managedByOpenClaw", "externallyManaged", "loadedText", "runtime", "loaded", "runtimeShort"],
            status.Select(p => p.Key));
        Assert.Equal("disabled", status["loadedText"]!.GetValue<string>());
        Assert.Equal("unknown", status["runtimeShort"]!.GetValue<string>());
        Assert.Equal("d; retry with openclaw status --deep", status["runtime"]!["detail"]!.GetValue<string>());
    }
}

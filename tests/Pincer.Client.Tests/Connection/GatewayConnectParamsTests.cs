using System.Text.Json.Nodes;
using Pincer.Client.Connection;
using Pincer.Client.Identity;
using Pincer.Protocol.Auth;

namespace Pincer.Client.Tests.Connection;

public sealed class GatewayConnectParamsTests
{
    private static GatewayClientOptions Options() => new()
    {
        Url = new Uri("ws://127.0.0.1:1"),
        ClientVersion = "2026.9.6",
        Platform = "linux",
        DeviceFamily = "Linux",
        InstanceId = "inst-1",
        Scopes = ["operator.read"],
        Token = "testtoken",
    };

    [Fact]
    public void Matches_the_reference_cli_frame_key_for_key()
    {
        // Captured from `openclaw gateway call health --url ws://127.0.0.1:P --token testtoken` (2026.9.6).
        var expected = """{"minProtocol":4,"maxProtocol":4,"client":{"id":"cli","version":"2026.9.6","platform":"linux","deviceFamily":"Linux","mode":"cli","instanceId":"inst-1"},"caps":[],"auth":{"token":"testtoken"},"role":"operator","scopes":["operator.read"]}""";
        var built = GatewayConnectParams.Build(Options(), "nonce", 1);
        Assert.Equal(expected, built.ToJsonString());
    }

    [Fact]
    public void Backend_caller_carries_display_name_after_id()
    {
        var options = Options() with { ClientId = "gateway-client", ClientMode = "backend", DisplayName = "gateway:health" };
        var built = GatewayConnectParams.Build(options, "n", 1);
        Assert.StartsWith("""{"id":"gateway-client","displayName":"gateway:health","version":""", built["client"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Omits_auth_when_no_secret()
    {
        var built = GatewayConnectParams.Build(Options() with { Token = null }, "n", 1);
        Assert.False(built.ContainsKey("auth"));
        Assert.False(built.ContainsKey("device"));
    }

    [Fact]
    public void Password_is_sent_but_never_signed()
    {
        var device = DeviceIdentity.Create();
        var built = GatewayConnectParams.Build(Options() with { Token = null, Password = "pw", Device = device }, "the-nonce", 42);
        Assert.Equal("pw", built["auth"]!["password"]!.GetValue<string>());
        var proof = (JsonObject)built["device"]!;
        var payload = DeviceAuthPayload.V3(device.DeviceId, "cli", "cli", "operator", ["operator.read"], 42, "", "the-nonce", "linux", "Linux");
        Assert.True(Ed25519Keys.Verify(device.PublicKeyRaw, System.Text.Encoding.UTF8.GetBytes(payload),
            Base64Url.TryDecode(proof["signature"]!.GetValue<string>())!));
        Assert.Equal(device.DeviceId, proof["id"]!.GetValue<string>());
        Assert.Equal(42, proof["signedAt"]!.GetValue<long>());
        Assert.Equal("the-nonce", proof["nonce"]!.GetValue<string>());
        Assert.Equal("device", built.Last().Key);
    }

    [Fact]
    public void Signature_covers_the_shared_token()
    {
        var device = DeviceIdentity.Create();
        var built = GatewayConnectParams.Build(Options() with { Device = device }, "n1", 7);
        var payload = DeviceAuthPayload.V3(device.DeviceId, "cli", "cli", "operator", ["operator.read"], 7, "testtoken", "n1", "linux", "Linux");
        Assert.True(Ed25519Keys.Verify(device.PublicKeyRaw, System.Text.Encoding.UTF8.GetBytes(payload),
            Base64Url.TryDecode(built["device"]!["signature"]!.GetValue<string>())!));
    }
}

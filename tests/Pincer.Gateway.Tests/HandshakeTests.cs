using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary>Handshake (spec §3, §4.4) against the real gateway in token mode.</summary>
public sealed class HandshakeTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    [Fact]
    public async Task ChallengeHasNonceTsAndCapabilities()
    {
        await using var client = await WsTestClient.ConnectAsync(gateway.WsUri);
        var challenge = await client.ReadChallengeAsync();
        Assert.Equal("event", (string?)challenge["type"]);
        Assert.Equal("connect.challenge", (string?)challenge["event"]);
        Assert.Null(challenge["seq"]);
        var payload = challenge["payload"]!.AsObject();
        Assert.Equal(["nonce", "ts", "capabilities"], payload.Select(kv => kv.Key));
        Assert.True(Guid.TryParse((string?)payload["nonce"], out _));
        var ts = payload["ts"]!.GetValue<long>();
        Assert.InRange(ts, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.Equal(["model-catalog-snapshot"], payload["capabilities"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task HelloOkHasProtocolPolicyFeaturesAndSnapshot()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var hello = client.Hello!;
        Assert.Equal("hello-ok", (string?)hello["type"]);
        Assert.Equal(4, hello["protocol"]!.GetValue<int>());
        var policy = hello["policy"]!;
        Assert.Equal(26214400, policy["maxPayload"]!.GetValue<long>());
        Assert.Equal(52428800, policy["maxBufferedBytes"]!.GetValue<long>());
        Assert.Equal(30000, policy["tickIntervalMs"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty((string?)hello["server"]!["connId"]));

        var methods = hello["features"]!["methods"]!.AsArray().Select(m => (string)m!).ToList();
        Assert.Contains("health", methods);
        Assert.Contains("status", methods);
        Assert.Contains("config.get", methods);
        Assert.DoesNotContain("connect", methods);
        Assert.Contains("chat.send", methods);
        Assert.DoesNotContain("models.probe", methods);
        Assert.Contains("sessions.list", methods);
        Assert.Equal(methods.Count, methods.Distinct().Count());

        // Advertised methods are callable: none of them answers "unknown method".
        foreach (var method in new[] { "health", "status", "config.get", "system-presence" })
        {
            var res = await client.RequestAsync(method, new JsonObject());
            Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        }

        var stateVersion = hello["snapshot"]!["stateVersion"]!;
        Assert.True(stateVersion["presence"]!.GetValue<long>() >= 0);
        Assert.True(stateVersion["health"]!.GetValue<long>() >= 0);

        var auth = hello["auth"]!;
        Assert.Equal("token", (string?)auth["method"]);
        Assert.Equal("operator", (string?)auth["role"]);
    }

    [Fact]
    public async Task GarbageFirstFrameClosesWith1000WithoutResponse()
    {
        await using var client = await gateway.OpenAsync();
        await client.SendTextAsync("this is not json{");
        var frames = await client.ReadUntilClosedAsync();
        Assert.Empty(frames);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
    }

    [Fact]
    public async Task InvalidFirstRequestFrameClosesWith1008()
    {
        await using var client = await gateway.OpenAsync();
        await client.SendTextAsync("""{"type":"req","method":"connect"}""");
        var frames = await client.ReadUntilClosedAsync();
        Assert.Empty(frames);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("invalid request frame", client.CloseStatusDescription);
    }

    [Fact]
    public async Task NonConnectFirstRequestIsRejected()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("health", new JsonObject(), "h1");
        Assert.Equal("h1", (string?)res["id"]);
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        Assert.Equal("invalid handshake: first request must be connect", (string?)res["error"]!["message"]);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    [Fact]
    public async Task BadConnectParamsAreRejectedWithText()
    {
        await using var client = await gateway.OpenAsync();
        var p = ConnectParams.Build("cli", "cli", [], ConnectParams.SharedAuth(gateway));
        p["bogus"] = 1;
        var res = await client.RequestAsync("connect", p);
        Assert.False(res["ok"]!.GetValue<bool>());
        Assert.Equal("INVALID_REQUEST", (string?)res["error"]!["code"]);
        var message = (string)res["error"]!["message"]!;
        Assert.StartsWith("invalid connect params: ", message, StringComparison.Ordinal);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.StartsWith("invalid connect params", client.CloseStatusDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProtocolMismatchClosesWith1002()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", [], ConnectParams.SharedAuth(gateway), minProtocol: 3, maxProtocol: 3));
        Assert.False(res["ok"]!.GetValue<bool>());
        var error = res["error"]!;
        Assert.Equal("INVALID_REQUEST", (string?)error["code"]);
        Assert.Equal("protocol mismatch", (string?)error["message"]);
        var details = error["details"]!;
        Assert.Equal("PROTOCOL_MISMATCH", (string?)details["code"]);
        Assert.Equal(3, details["clientMinProtocol"]!.GetValue<int>());
        Assert.Equal(3, details["clientMaxProtocol"]!.GetValue<int>());
        Assert.Equal(4, details["expectedProtocol"]!.GetValue<int>());
        Assert.Equal(3, details["minimumProbeProtocol"]!.GetValue<int>());
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.ProtocolError, client.CloseStatus);
    }

    [Fact]
    public async Task WrongTokenIsTokenMismatchAndCloses1008()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", [], new JsonObject { ["token"] = "wrong" }));
        Assert.False(res["ok"]!.GetValue<bool>());
        var error = res["error"]!;
        Assert.Equal("INVALID_REQUEST", (string?)error["code"]);
        Assert.Equal("AUTH_TOKEN_MISMATCH", (string?)error["details"]!["code"]);
        Assert.Equal("token_mismatch", (string?)error["details"]!["authReason"]);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal((string?)error["message"], client.CloseStatusDescription);
    }

    [Fact]
    public async Task NoAuthNoDeviceIsDeviceIdentityRequired()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("cli", "cli", [], null));
        Assert.False(res["ok"]!.GetValue<bool>());
        var error = res["error"]!;
        Assert.Equal("NOT_PAIRED", (string?)error["code"]);
        Assert.Equal("device identity required", (string?)error["message"]);
        Assert.Equal("DEVICE_IDENTITY_REQUIRED", (string?)error["details"]!["code"]);
        await client.ReadUntilClosedAsync();
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
    }

    [Fact]
    public async Task CliWithTokenKeepsScopes()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var scopes = client.Hello!["auth"]!["scopes"]!.AsArray().Select(s => (string)s!);
        Assert.Equal(ConnectParams.AllScopes, scopes);
    }

    [Fact]
    public async Task TestClientWithTokenGetsNoScopes()
    {
        await using var client = await gateway.OpenAsync();
        var res = await client.RequestAsync("connect", ConnectParams.Build("test", "test", ConnectParams.AllScopes, ConnectParams.SharedAuth(gateway)));
        Assert.True(res["ok"]!.GetValue<bool>(), res.ToJsonString());
        Assert.Empty(res["payload"]!["auth"]!["scopes"]!.AsArray());
    }

    [Fact]
    public async Task PreAuthFrameOver64KiBClosesWith1009()
    {
        await using var client = await gateway.OpenAsync();
        var big = new string('a', 70 * 1024);
        try
        {
            await client.SendTextAsync("{\"type\":\"req\",\"id\":\"big\",\"method\":\"connect\",\"params\":{\"pad\":\"" + big + "\"}}");
        }
        catch (WebSocketException)
        {
            // The server may slam the door while we are still writing.
        }

        var frames = await client.ReadUntilClosedAsync();
        Assert.Empty(frames);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, client.CloseStatus);
    }
}

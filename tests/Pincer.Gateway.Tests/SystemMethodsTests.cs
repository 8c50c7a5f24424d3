using System.Text.Json;
using System.Text.Json.Nodes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests;

/// <summary><c>logs.tail</c>, <c>system-presence</c>, <c>system-event</c>, <c>status</c> over the wire.</summary>
public sealed class SystemMethodsTests(TokenGatewayFixture gateway) : IClassFixture<TokenGatewayFixture>
{
    [Fact]
    public async Task LogsTailHasCursorShape()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var payload = (await client.CallOkAsync("logs.tail", new JsonObject { ["limit"] = 5 }))!.AsObject();
        Assert.False(string.IsNullOrEmpty((string?)payload["file"]));
        var cursor = payload["cursor"]!.GetValue<long>();
        var size = payload["size"]!.GetValue<long>();
        Assert.InRange(cursor, 0, size);
        Assert.True(payload["lines"]!.AsArray().Count <= 5);
        Assert.True(payload["truncated"]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False);
        Assert.True(payload["reset"]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False);

        var next = (await client.CallOkAsync("logs.tail", new JsonObject { ["cursor"] = cursor }))!.AsObject();
        Assert.True(next["cursor"]!.GetValue<long>() >= cursor);
    }

    [Fact]
    public async Task PresenceHasSelfEntry()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var presence = (await client.CallOkAsync("system-presence"))!.AsArray();
        Assert.Contains(presence, e => (string?)e!["reason"] == "self");
    }

    [Fact]
    public async Task SystemEventIsQueuedInStatus()
    {
        await using var client = await gateway.ConnectCliAsync(ConnectParams.AllScopes);
        var text = "test-event-" + Guid.NewGuid().ToString("N");
        var ok = await client.CallOkAsync("system-event", new JsonObject { ["text"] = text });
        Assert.True(ok!["ok"]!.GetValue<bool>());
        var status = await client.CallOkAsync("status");
        Assert.Contains(status!["queuedSystemEvents"]!.AsArray(), e => (string?)e == text);
    }
}

using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Pincer.Client.Connection;

namespace Pincer.Client.Tests.Connection;

public sealed class GatewayClientTests
{
    private static GatewayClientOptions OptionsFor(FakeGatewayServer server) => new()
    {
        Url = server.Url,
        Token = "t",
        Scopes = ["operator.read"],
        ConnectTimeout = TimeSpan.FromSeconds(5),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Handshake_then_out_of_order_responses_are_matched_by_id()
    {
        var held = new List<JsonObject>();
        await using var server = new FakeGatewayServer(async (ws, frame) =>
        {
            if (frame["method"]!.GetValue<string>() == "connect")
            {
                await FakeGatewayServer.HelloAsync(ws, frame);
                return;
            }

            held.Add(frame);
            if (held.Count == 2)
            {
                // Answer the second request first, with an event in between.
                foreach (var f in new[] { held[1], held[0] })
                {
                    await FakeGatewayServer.SendAsync(ws, new JsonObject { ["type"] = "event", ["event"] = "tick", ["payload"] = new JsonObject { ["ts"] = 5 }, ["seq"] = 1 });
                    await FakeGatewayServer.SendAsync(ws, new JsonObject { ["type"] = "res", ["id"] = f["id"]!.GetValue<string>(), ["ok"] = true, ["payload"] = new JsonObject { ["m"] = f["method"]!.GetValue<string>() } });
                }
            }
        });

        await using var client = await GatewayClient.ConnectAsync(OptionsFor(server));
        Assert.Equal("hello-ok", client.Hello["type"]!.GetValue<string>());
        var a = client.RequestAsync("a.one");
        var b = client.RequestAsync("b.two", new JsonObject());
        Assert.Equal("a.one", (await a)!["m"]!.GetValue<string>());
        Assert.Equal("b.two", (await b)!["m"]!.GetValue<string>());

        var tick = await client.Events.ReadAsync();
        Assert.Equal("tick", tick.Event);
        Assert.Equal(1, tick.Seq);

        var sent = server.Received.Where(f => f["method"]!.GetValue<string>() != "connect").ToList();
        Assert.False(sent.Single(f => f["method"]!.GetValue<string>() == "a.one").ContainsKey("params"));
        Assert.Matches("^[0-9]+:[0-9a-f-]{36}$", sent[0]["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rejected_connect_surfaces_the_error_shape()
    {
        await using var server = new FakeGatewayServer(async (ws, frame) =>
        {
            await FakeGatewayServer.SendAsync(ws, JsonNode.Parse("""
                {"type":"res","id":"ID","ok":false,"error":{"code":"INVALID_REQUEST","message":"unauthorized: gateway token mismatch",
                 "details":{"code":"AUTH_TOKEN_MISMATCH","authReason":"token_mismatch"}}}
                """)!.AsObject().WithId(frame["id"]!.GetValue<string>()));
            await ws.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "unauthorized", CancellationToken.None);
        });

        var ex = await Assert.ThrowsAsync<GatewayRequestException>(() => GatewayClient.ConnectAsync(OptionsFor(server)));
        Assert.Equal("connect", ex.Method);
        Assert.Equal("INVALID_REQUEST", ex.Error.Code);
        Assert.Equal("AUTH_TOKEN_MISMATCH", ex.Error.Details!["code"]!.GetValue<string>());
        Assert.False(ex.Retryable);
    }

    [Fact]
    public async Task Server_close_fails_pending_requests_with_close_code()
    {
        await using var server = new FakeGatewayServer(async (ws, frame) =>
        {
            if (frame["method"]!.GetValue<string>() == "connect")
            {
                await FakeGatewayServer.HelloAsync(ws, frame);
                return;
            }

            await ws.CloseOutputAsync((WebSocketCloseStatus)4001, "gateway auth changed", CancellationToken.None);
        });

        await using var client = await GatewayClient.ConnectAsync(OptionsFor(server));
        var ex = await Assert.ThrowsAsync<GatewayTransportException>(() => client.RequestAsync("health"));
        Assert.Equal(GatewayTransportErrorKind.Closed, ex.Kind);
        Assert.Equal(4001, ex.CloseCode);
        Assert.Equal("gateway auth changed", ex.CloseReason);
    }

    [Fact]
    public async Task Request_timeout_is_a_typed_timeout()
    {
        await using var server = new FakeGatewayServer(async (ws, frame) =>
        {
            if (frame["method"]!.GetValue<string>() == "connect")
            {
                await FakeGatewayServer.HelloAsync(ws, frame);
            }
        });

        await using var client = await GatewayClient.ConnectAsync(OptionsFor(server));
        var ex = await Assert.ThrowsAsync<GatewayTransportException>(() =>
            client.RequestAsync("slow", null, new GatewayRequestOptions { Timeout = TimeSpan.FromMilliseconds(200) }));
        Assert.Equal(GatewayTransportErrorKind.Timeout, ex.Kind);
        Assert.Equal(200, ex.TimeoutMs);
    }

    [Fact]
    public async Task Expect_final_skips_the_accepted_interim_response()
    {
        JsonNode? accepted = null;
        await using var server = new FakeGatewayServer(async (ws, frame) =>
        {
            if (frame["method"]!.GetValue<string>() == "connect")
            {
                await FakeGatewayServer.HelloAsync(ws, frame);
                return;
            }

            var id = frame["id"]!.GetValue<string>();
            await FakeGatewayServer.SendAsync(ws, new JsonObject { ["type"] = "res", ["id"] = id, ["ok"] = true, ["payload"] = new JsonObject { ["status"] = "accepted", ["runId"] = "r1" } });
            await FakeGatewayServer.SendAsync(ws, new JsonObject { ["type"] = "res", ["id"] = id, ["ok"] = true, ["payload"] = new JsonObject { ["status"] = "ok", ["runId"] = "r1" } });
        });

        await using var client = await GatewayClient.ConnectAsync(OptionsFor(server));
        var final = await client.RequestAsync("agent", new JsonObject(), new GatewayRequestOptions { ExpectFinal = true, Timeout = TimeSpan.FromSeconds(5), OnAccepted = p => accepted = p });
        Assert.Equal("ok", final!["status"]!.GetValue<string>());
        Assert.Equal("accepted", accepted!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Refused_connection_reports_econnrefused()
    {
        var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        var port = ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        var ex = await Assert.ThrowsAsync<GatewayTransportException>(() => GatewayClient.ConnectAsync(new GatewayClientOptions { Url = new Uri($"ws://127.0.0.1:{port}") }));
        Assert.Equal("ECONNREFUSED", ex.SocketCode);
        Assert.Equal($"connect ECONNREFUSED 127.0.0.1:{port}", ex.Message);
    }
}

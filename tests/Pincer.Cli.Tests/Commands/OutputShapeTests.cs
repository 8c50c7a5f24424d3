using System.Text.Json.Nodes;
using Pincer.Client.Connection;
using Pincer.Cli.Output;
using Pincer.Cli.Targets;
using Pincer.Protocol.Errors;

namespace Pincer.Cli.Tests.Commands;

public sealed class OutputShapeTests
{
    private static readonly GatewayTarget Target = new("ws://127.0.0.1:29599", new Uri("ws://127.0.0.1:29599"), "cli --url", "t", null, "/c/openclaw.json", null);

    [Fact]
    public void Request_error_matches_reference_shape()
    {
        var ex = new GatewayRequestException("health", new RpcError("INVALID_REQUEST", "unknown method: x"));
        Assert.Equal("""{"ok":false,"error":{"type":"gateway_request_error","code":"INVALID_REQUEST","message":"unknown method: x","retryable":false}}""",
            CliErrors.RequestError(ex).ToJsonString());
    }

    [Fact]
    public void Refused_transport_error_matches_reference_shape()
    {
        var ex = new GatewayTransportException(GatewayTransportErrorKind.Closed, "connect ECONNREFUSED 127.0.0.1:29599") { SocketCode = "ECONNREFUSED" };
        Assert.Equal("""{"ok":false,"error":{"type":"gateway_transport_error","kind":"closed","message":"Gateway not reachable at ws://127.0.0.1:29599 (ECONNREFUSED).","reason":"connect ECONNREFUSED 127.0.0.1:29599"},"gateway":{"url":"ws://127.0.0.1:29599","urlSource":"cli --url"}}""",
            CliErrors.TransportError(ex, Target).ToJsonString());
    }

    [Fact]
    public void Json_is_printed_like_json_stringify_with_two_spaces()
    {
        var text = CliJson.Format(JsonNode.Parse("""{"a":[1,2.50],"b":"é<"}"""));
        Assert.Equal("{\n  \"a\": [\n    1,\n    2.50\n  ],\n  \"b\": \"é<\"\n}", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Least_privilege_scopes()
    {
        Assert.Equal(["operator.read"], MethodScopes.LeastPrivilege("health"));
        Assert.Equal(["operator.admin"], MethodScopes.LeastPrivilege("agents.create"));
        Assert.Equal(["operator.pairing"], MethodScopes.LeastPrivilege("device.pair.list"));
        Assert.Equal(MethodScopes.CliDefault, MethodScopes.LeastPrivilege("nope.method"));
    }
}

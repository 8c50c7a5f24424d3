using System.Text.Json.Nodes;
using Pincer.Fakes.Scripting;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>A <c>chat.send</c> turn against the fake Gemini provider: the request the provider receives.</summary>
public sealed class GeminiTurnTests(GeminiGatewayFixture gateway) : IClassFixture<GeminiGatewayFixture>
{
    [Fact]
    public async Task A_turn_sends_no_output_cap_to_gemini_although_the_catalog_has_one()
    {
        gateway.Model.Script.Then(FakeReply.Say("Crabs live in the sea."));
        await using var client = await gateway.ConnectCliAsync("operator.admin", "operator.read", "operator.write");
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];

        await client.CallOkAsync("chat.send", new JsonObject { ["sessionKey"] = "agent:main:gemini", ["message"] = "Where do crabs live?", ["idempotencyKey"] = runId });
        await client.WaitForEventAsync("chat", p => (string?)p!["runId"] == runId && (string?)p["state"] == "final");

        var body = gateway.Model.Generations().Single().Json!;
        // The reference leaves the cap to Gemini's own default: an empty generationConfig.
        Assert.Empty(body["generationConfig"]!.AsObject());
    }
}

using System.Text.Json.Nodes;
using Pincer.Fakes;
using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>
/// The token-auth gateway with a loopback <see cref="FakeModelServer"/> as its only provider speaking the Gemini
/// API (<c>fake/fake-model</c>, <c>google-generative-ai</c>, catalog <c>maxTokens</c> 4096).
/// </summary>
public sealed class GeminiGatewayFixture() : GatewayFixture("token")
{
    public FakeModelServer Model { get; private set; } = null!;

    protected override async Task<string> ConfigJsonAsync()
    {
        Model = await FakeModelServer.StartAsync();
        var workspace = Path.Combine(StateDir, "workspace");
        Directory.CreateDirectory(workspace);
        var config = new JsonObject
        {
            ["update"] = new JsonObject { ["checkOnStart"] = false },
            ["models"] = new JsonObject
            {
                ["catalogRefresh"] = new JsonObject { ["enabled"] = false },
                ["providers"] = new JsonObject
                {
                    ["fake"] = new JsonObject
                    {
                        ["baseUrl"] = Model.BaseUrl + "/v1beta",
                        ["api"] = "google-generative-ai",
                        ["apiKey"] = "fake-key",
                        ["models"] = new JsonArray(new JsonObject
                        {
                            ["id"] = "fake-model",
                            ["name"] = "Fake Model",
                            ["contextWindow"] = 128000,
                            ["maxTokens"] = 4096,
                        }),
                    },
                },
            },
            ["agents"] = new JsonObject
            {
                ["defaults"] = new JsonObject
                {
                    ["model"] = new JsonObject { ["primary"] = "fake/fake-model" },
                    ["workspace"] = workspace,
                },
            },
        };
        return config.ToJsonString();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (Model is not null)
        {
            await Model.DisposeAsync();
        }
    }
}
